CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, active boolean NOT NULL DEFAULT true);
