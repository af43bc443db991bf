CREATE SCHEMA app;
CREATE FUNCTION app.new_ref() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT (random() * 1000000000)::bigint $$;
CREATE TABLE app.ticket (id int PRIMARY KEY, ref bigint DEFAULT app.new_ref());
