CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, email text, CONSTRAINT users_email_key UNIQUE (email));
