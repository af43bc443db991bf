CREATE SCHEMA app;
CREATE TABLE app.customer (id serial PRIMARY KEY, name text);
