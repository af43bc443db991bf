CREATE SCHEMA app;
CREATE TABLE app.account (id int PRIMARY KEY);
