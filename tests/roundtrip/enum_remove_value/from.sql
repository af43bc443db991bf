CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('draft', 'live', 'archived');
CREATE TABLE app.post (id int PRIMARY KEY, status app.status NOT NULL DEFAULT 'draft');
CREATE FUNCTION app.is_live(s app.status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'live' $$;
