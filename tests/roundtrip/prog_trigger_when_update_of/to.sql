CREATE SCHEMA app;
CREATE TABLE app.doc (id int PRIMARY KEY, title text, body text, version int NOT NULL DEFAULT 1);
CREATE FUNCTION app.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$;
CREATE TRIGGER doc_version BEFORE UPDATE OF title, body ON app.doc FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION app.bump_version();
