CREATE SCHEMA app;
CREATE TYPE app.stop AS (name text, minute int);
CREATE TABLE app.route (id int PRIMARY KEY, stops app.stop[] NOT NULL DEFAULT '{}');
CREATE FUNCTION app.first_stop(s app.stop[]) RETURNS app.stop LANGUAGE sql IMMUTABLE AS $$ SELECT s[1] $$;
CREATE VIEW app.route_start AS SELECT id, (app.first_stop(stops)).name AS start FROM app.route;
