CREATE SCHEMA app;
CREATE TABLE app.item (id int PRIMARY KEY, touched timestamptz);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$;
CREATE TRIGGER item_touch BEFORE UPDATE ON app.item FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TRIGGER item_touch_ins BEFORE INSERT ON app.item FOR EACH ROW EXECUTE FUNCTION app.touch();
