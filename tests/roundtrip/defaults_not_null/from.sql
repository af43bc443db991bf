CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, a text, b text NOT NULL DEFAULT 'b', c int DEFAULT 1, d timestamptz);
