CREATE SCHEMA app;
CREATE FUNCTION app.add_state(acc bigint, v int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT acc + coalesce(v, 0) $$;
CREATE AGGREGATE app.total(int) (SFUNC = app.add_state, STYPE = bigint);
