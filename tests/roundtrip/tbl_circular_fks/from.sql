CREATE SCHEMA app;
CREATE TABLE app.teams (id int PRIMARY KEY, name text);
