CREATE SCHEMA app;
CREATE TABLE app.secret (id int PRIMARY KEY, v text);
CREATE FUNCTION app.secret_count() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER AS $$ SELECT count(*) FROM app.secret $$;
