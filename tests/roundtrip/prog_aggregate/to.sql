CREATE SCHEMA app;
CREATE FUNCTION app.concat_state(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN acc IS NULL THEN v ELSE acc || ',' || v END $$;
CREATE AGGREGATE app.csv_agg(text) (SFUNC = app.concat_state, STYPE = text);
