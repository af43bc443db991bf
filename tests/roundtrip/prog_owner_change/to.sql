DO $$ BEGIN CREATE ROLE app_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.account (id int PRIMARY KEY, name text);
CREATE VIEW app.account_names AS SELECT name FROM app.account;
CREATE FUNCTION app.account_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.account $$;
ALTER TABLE app.account OWNER TO app_owner;
ALTER VIEW app.account_names OWNER TO app_owner;
ALTER FUNCTION app.account_count() OWNER TO app_owner;
