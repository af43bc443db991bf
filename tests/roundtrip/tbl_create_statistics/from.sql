CREATE SCHEMA app;
CREATE TABLE app.addresses (id int PRIMARY KEY, city text, zip text);
