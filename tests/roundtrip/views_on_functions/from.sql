CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, price numeric);
CREATE FUNCTION app.with_tax(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT p * 1.2 $$;
CREATE VIEW app.priced AS SELECT id, app.with_tax(price) AS gross FROM app.t;
CREATE VIEW app.priced_big AS SELECT id FROM app.priced WHERE gross > 100;
CREATE FUNCTION app.things() RETURNS SETOF app.t LANGUAGE sql STABLE AS $$ SELECT * FROM app.t $$;
