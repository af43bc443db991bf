CREATE SCHEMA app;
CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE DOMAIN app.pct AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE DOMAIN app.strict_level AS app.level NOT NULL;
CREATE FUNCTION app.half(p app.pct) RETURNS app.pct LANGUAGE sql IMMUTABLE AS $$ SELECT (p / 2)::app.pct $$;
CREATE TABLE app.m (id int PRIMARY KEY, p app.pct, l app.strict_level DEFAULT 'low', h app.pct GENERATED ALWAYS AS (app.half(p)) STORED);
