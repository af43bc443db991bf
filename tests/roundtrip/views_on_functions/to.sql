CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, price numeric, currency text DEFAULT 'EUR');
CREATE FUNCTION app.with_tax(p numeric, rate numeric DEFAULT 1.25) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT p * rate $$;
CREATE VIEW app.priced WITH (security_barrier) AS SELECT id, app.with_tax(price) AS gross, currency FROM app.t;
CREATE VIEW app.priced_big AS SELECT id FROM app.priced WHERE gross > 100;
CREATE FUNCTION app.things() RETURNS SETOF app.t LANGUAGE sql STABLE AS $$ SELECT * FROM app.t $$;
