CREATE SCHEMA app;
CREATE FUNCTION app.add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
CREATE FUNCTION app.greet(name text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'hi ' || name; END $$;
CREATE FUNCTION app.doomed() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
