CREATE SCHEMA app;
CREATE TABLE app.invoice (id int PRIMARY KEY, number int);
