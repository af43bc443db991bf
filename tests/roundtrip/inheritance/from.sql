CREATE SCHEMA app;
CREATE TABLE app.animal (id int, name text);
CREATE TABLE app.dog (good boolean) INHERITS (app.animal);
