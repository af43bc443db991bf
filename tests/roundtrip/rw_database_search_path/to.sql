CREATE SCHEMA app;
CREATE FUNCTION app.plan_rank(p text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT CASE p WHEN 'free' THEN 0 ELSE 1 END $$;
CREATE TABLE app.accounts (id serial PRIMARY KEY, name text NOT NULL, plan text NOT NULL DEFAULT 'free', seats int NOT NULL DEFAULT 1 CHECK (app.plan_rank(plan) > 0 OR seats = 1));
CREATE VIEW app.paying_accounts AS SELECT id, name FROM app.accounts WHERE app.plan_rank(plan) > 0;
CREATE INDEX accounts_rank_idx ON app.accounts (app.plan_rank(plan));
