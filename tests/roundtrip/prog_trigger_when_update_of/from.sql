CREATE SCHEMA app;
CREATE TABLE app.doc (id int PRIMARY KEY, title text, body text, version int NOT NULL DEFAULT 1);
CREATE FUNCTION app.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$;
CREATE TRIGGER doc_version BEFORE UPDATE OF body ON app.doc FOR EACH ROW EXECUTE FUNCTION app.bump_version();
