CREATE SCHEMA app;
CREATE TABLE app.post (id int PRIMARY KEY, slug text, title text);
CREATE FUNCTION app.post_slug_v1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.slug := lower(NEW.title); RETURN NEW; END $$;
CREATE TRIGGER post_slug BEFORE INSERT ON app.post FOR EACH ROW EXECUTE FUNCTION app.post_slug_v1();
