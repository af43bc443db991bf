CREATE SCHEMA app;
CREATE DOMAIN app.email AS text CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');
CREATE DOMAIN app.old_code AS varchar(10);
CREATE TABLE app.t (id int PRIMARY KEY, email app.email);
