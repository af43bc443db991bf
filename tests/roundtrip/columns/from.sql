CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, old_name text, narrow varchar(20), counter int, gone text, price numeric(10,2));
