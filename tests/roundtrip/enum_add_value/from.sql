CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE TABLE app.person (id int PRIMARY KEY, mood app.mood NOT NULL DEFAULT 'happy');
CREATE FUNCTION app.is_happy(m app.mood) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT m = 'happy' $$;
CREATE VIEW app.happy_people AS SELECT id FROM app.person WHERE mood = 'happy';
