CREATE SCHEMA app;
CREATE TABLE app.kept (id int PRIMARY KEY, name text);
CREATE TABLE app.doomed (id int PRIMARY KEY, payload jsonb);
