CREATE SCHEMA app;
CREATE TABLE app.product (id int PRIMARY KEY);
