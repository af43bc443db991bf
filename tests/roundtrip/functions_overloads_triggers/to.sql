CREATE SCHEMA app;
CREATE TABLE app.item (id int PRIMARY KEY, sku text, qty int, note text, CONSTRAINT item_sku_key UNIQUE NULLS NOT DISTINCT (sku));
ALTER TABLE app.item ADD CONSTRAINT item_qty_nonneg CHECK (qty >= 0) NOT VALID;
CREATE UNIQUE INDEX item_sku_covering ON app.item (sku) INCLUDE (qty);
CREATE FUNCTION app.fmt(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'n=' || n::text $$;
CREATE FUNCTION app.fmt(n numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT n::text $$;
CREATE FUNCTION app.label(i app.item) RETURNS text LANGUAGE sql STABLE AS $$ SELECT app.fmt(i.qty) || coalesce(i.note, '') $$;
CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'changed'; RETURN NEW; END $$;
CREATE TRIGGER item_audit AFTER UPDATE ON app.item FOR EACH ROW WHEN (OLD.qty IS DISTINCT FROM NEW.qty) EXECUTE FUNCTION app.audit();
