DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.customer (id int PRIMARY KEY, name text, email text);
CREATE VIEW app.customer_names AS SELECT id, name FROM app.customer;
GRANT SELECT ON app.customer_names TO app_reader;
GRANT SELECT, INSERT, UPDATE ON app.customer TO app_writer;
