CREATE SCHEMA app;
CREATE TABLE app.stock (id int PRIMARY KEY, qty int);
CREATE TABLE app.stock_log (at timestamptz DEFAULT now(), n int);
CREATE FUNCTION app.log_stock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO app.stock_log (n) SELECT count(*) FROM new_rows; RETURN NULL; END $$;
CREATE TRIGGER stock_log_ins AFTER INSERT ON app.stock REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.log_stock();
