CREATE SCHEMA app;
CREATE FUNCTION app.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(btrim(t)) $$;
CREATE TABLE app.person (id int PRIMARY KEY, email text);
CREATE INDEX person_email_norm ON app.person (app.norm(email));
