CREATE SCHEMA app;
CREATE FUNCTION app.new_ref() RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT (random() * 1000000)::int $$;
CREATE TABLE app.ticket (id int PRIMARY KEY, ref bigint DEFAULT app.new_ref());
