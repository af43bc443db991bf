CREATE SCHEMA app;
CREATE TABLE app.rate (code text PRIMARY KEY, r numeric);
CREATE FUNCTION app.rate_of(c text) RETURNS numeric LANGUAGE sql VOLATILE AS $$ SELECT r FROM app.rate WHERE code = c $$;
