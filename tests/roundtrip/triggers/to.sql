CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, updated_at timestamptz);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TRIGGER t_touch_stmt AFTER TRUNCATE ON app.t FOR EACH STATEMENT EXECUTE FUNCTION app.touch();
