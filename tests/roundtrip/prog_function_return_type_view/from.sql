CREATE SCHEMA app;
CREATE TABLE app.line (id int PRIMARY KEY, qty int, price int);
CREATE FUNCTION app.line_total(l app.line) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT l.qty * l.price $$;
CREATE VIEW app.line_totals AS SELECT l.id, app.line_total(l) AS total FROM app.line l;
