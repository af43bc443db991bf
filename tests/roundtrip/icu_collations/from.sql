CREATE SCHEMA app;
CREATE TABLE app.person (id int PRIMARY KEY, name text);
