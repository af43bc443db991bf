CREATE SCHEMA app;
CREATE DOMAIN app.code AS varchar(10) CHECK (VALUE <> '');
CREATE TABLE app.product (id int PRIMARY KEY, code app.code);
