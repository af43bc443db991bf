-- The live database has a search path of its own (ALTER DATABASE ... SET search_path, as a
-- Rails schema_search_path or a hosting panel sets it); the schema file's scratch database has not.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path TO app, public', current_database()); END $$;
CREATE SCHEMA app;
CREATE TABLE app.accounts (id serial PRIMARY KEY, name text NOT NULL, plan text NOT NULL DEFAULT 'free');
CREATE FUNCTION app.plan_rank(p text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT CASE p WHEN 'free' THEN 0 ELSE 1 END $$;
CREATE VIEW app.paying_accounts AS SELECT id, name FROM app.accounts WHERE app.plan_rank(plan) > 0;
CREATE INDEX accounts_rank_idx ON app.accounts (app.plan_rank(plan));
