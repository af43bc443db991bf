CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, email text);
CREATE UNIQUE INDEX users_email_key ON app.users (email);
