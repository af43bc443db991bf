CREATE SCHEMA app;
CREATE TABLE app.car (id int PRIMARY KEY, color text DEFAULT 'red');
