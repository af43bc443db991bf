CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, v int CONSTRAINT t_v_pos CHECK (v > 0));
CREATE INDEX t_v_idx ON app.t (v);
CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_trg BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.trg();
CREATE POLICY t_pol ON app.t USING (v > 0);
CREATE FUNCTION app.calc(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a $$;
COMMENT ON FUNCTION app.calc(int) IS 'calc v1';
COMMENT ON TRIGGER t_trg ON app.t IS 'audit hook';
