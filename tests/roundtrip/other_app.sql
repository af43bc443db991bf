-- Loaded into every live (from) database of the roundtrip tests: a schema the tool does not
-- manage. The diff must never read, alter or drop anything in it.
CREATE SCHEMA other_app;
CREATE TYPE other_app.kind AS ENUM ('x', 'y');
CREATE DOMAIN other_app.code AS text CHECK (VALUE <> '');
CREATE TABLE other_app.things (id int PRIMARY KEY, kind other_app.kind, code other_app.code);
CREATE FUNCTION other_app.count_things() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM other_app.things $$;
CREATE VIEW other_app.thing_ids AS SELECT id FROM other_app.things;
COMMENT ON TABLE other_app.things IS 'not ours';
