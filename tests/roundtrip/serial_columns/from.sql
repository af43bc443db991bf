CREATE SCHEMA app;
CREATE TABLE app.a (id serial PRIMARY KEY, legacy_no bigserial, name text);
CREATE TABLE app.b (id int PRIMARY KEY);
