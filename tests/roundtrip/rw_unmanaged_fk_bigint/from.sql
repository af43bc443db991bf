-- The classic "ids ran out" migration: integer keys become bigint. An unmanaged schema
-- (`billing`, owned by another service) holds a foreign key into the managed users table and a
-- trigger function of its own on a managed table.
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
CREATE TABLE posts (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), body text);
CREATE INDEX posts_user_id_idx ON posts (user_id);

CREATE SCHEMA billing;
CREATE TABLE billing.subscriptions (user_id int NOT NULL REFERENCES public.users (id) ON DELETE CASCADE, plan text NOT NULL);
CREATE FUNCTION billing.on_user_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
CREATE TRIGGER billing_on_user_delete BEFORE DELETE ON public.users FOR EACH ROW EXECUTE FUNCTION billing.on_user_delete();
