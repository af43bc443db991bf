CREATE SCHEMA app;
CREATE TABLE app.post (id int PRIMARY KEY, slug text, title text);
CREATE FUNCTION app.post_slug_v2() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.slug := regexp_replace(lower(NEW.title), '[^a-z0-9]+', '-', 'g'); RETURN NEW; END $$;
CREATE TRIGGER post_slug BEFORE INSERT OR UPDATE OF title ON app.post FOR EACH ROW EXECUTE FUNCTION app.post_slug_v2();
