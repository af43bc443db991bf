CREATE SCHEMA app;
CREATE TABLE app.ledger (id int PRIMARY KEY, amount int);
CREATE FUNCTION app.check_sum() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF (SELECT sum(amount) FROM app.ledger) <> 0 THEN RAISE EXCEPTION 'unbalanced'; END IF; RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER ledger_balanced AFTER INSERT OR UPDATE ON app.ledger NOT DEFERRABLE FOR EACH ROW EXECUTE FUNCTION app.check_sum();
