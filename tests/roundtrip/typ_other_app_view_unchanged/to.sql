CREATE SCHEMA app;
-- other_app is loaded into the live database by the test; the target gets a copy of the part used here.
DO $do$ BEGIN
  IF to_regnamespace('other_app') IS NULL THEN
    CREATE SCHEMA other_app;
    CREATE TYPE other_app.kind AS ENUM ('x', 'y');
    CREATE TABLE other_app.things (id int PRIMARY KEY, kind other_app.kind);
  END IF;
END $do$;
CREATE TABLE app.note (id int PRIMARY KEY, body text);
CREATE VIEW app.thing_notes AS SELECT t.id, t.kind FROM other_app.things t;
