CREATE SCHEMA app;
CREATE TABLE app.item (id int PRIMARY KEY, sku text, qty int, note text);
CREATE FUNCTION app.fmt(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT n::text $$;
CREATE FUNCTION app.fmt(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT t $$;
CREATE FUNCTION app.label(i app.item) RETURNS text LANGUAGE sql STABLE AS $$ SELECT app.fmt(i.qty) $$;
CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER item_audit AFTER UPDATE ON app.item FOR EACH ROW EXECUTE FUNCTION app.audit();
