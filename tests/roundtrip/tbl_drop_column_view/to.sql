CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, name text);
CREATE VIEW app.user_list AS SELECT id, name FROM app.users;
