DO $$ BEGIN CREATE ROLE app_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.account (id int PRIMARY KEY, name text);
CREATE VIEW app.account_names AS SELECT name FROM app.account;
CREATE FUNCTION app.account_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.account $$;
