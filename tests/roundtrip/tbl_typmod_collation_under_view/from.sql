CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, email varchar(100) NOT NULL, name text);
CREATE VIEW app.user_emails AS SELECT id, email, name FROM app.users;
