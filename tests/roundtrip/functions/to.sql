CREATE SCHEMA app;
CREATE FUNCTION app.add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b + 0 $$;
CREATE FUNCTION app.greet(name text, punctuation text DEFAULT '!') RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$ BEGIN RETURN 'hello ' || name || punctuation; END $$;
CREATE TABLE app.items (id int PRIMARY KEY, n int);
CREATE FUNCTION app.item_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.items $$;
CREATE PROCEDURE app.reset_items() LANGUAGE sql AS $$ DELETE FROM app.items $$;
