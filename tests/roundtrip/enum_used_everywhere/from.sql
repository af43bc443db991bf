CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('draft', 'live', 'archived');
CREATE TABLE app.post (id int PRIMARY KEY, status app.status NOT NULL DEFAULT 'draft', CONSTRAINT post_not_archived CHECK (status <> 'draft' OR id > 0));
CREATE INDEX post_live_idx ON app.post (id) WHERE status = 'live';
CREATE VIEW app.live_posts AS SELECT id, status FROM app.post WHERE status = 'live';
CREATE FUNCTION app.next_status(s app.status) RETURNS app.status LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN s = 'draft' THEN 'live'::app.status ELSE s END $$;
