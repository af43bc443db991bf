CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA app;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE app.users (id int PRIMARY KEY, email public.citext, token text DEFAULT encode(public.gen_random_bytes(8), 'hex'));
CREATE INDEX users_email_trgm_idx ON app.users USING gin ((email::text) app.gin_trgm_ops);
