DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.staff (id int PRIMARY KEY, name text, salary int);
GRANT SELECT (id, name) ON app.staff TO app_reader;
GRANT UPDATE (salary) ON app.staff TO app_writer;
