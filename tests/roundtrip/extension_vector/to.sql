CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;
CREATE TABLE app.docs (id int PRIMARY KEY, body text, embedding public.vector(3));
