CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, a text NOT NULL DEFAULT '', b text, c int DEFAULT 2, d timestamptz DEFAULT now());
