CREATE SCHEMA app;
CREATE TABLE app.kept (id int PRIMARY KEY, name text);
CREATE TABLE app.born (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kept_id int REFERENCES app.kept (id), created_at timestamptz NOT NULL DEFAULT now());
CREATE UNLOGGED TABLE app.cache (k text PRIMARY KEY, v bytea);
