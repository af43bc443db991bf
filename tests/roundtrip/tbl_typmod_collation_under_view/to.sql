CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, email varchar(320) NOT NULL, name text COLLATE "C");
CREATE VIEW app.user_emails AS SELECT id, email, name FROM app.users;
