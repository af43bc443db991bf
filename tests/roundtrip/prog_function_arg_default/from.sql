CREATE SCHEMA app;
CREATE FUNCTION app.page(n int, size int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT (n - 1) * size $$;
