CREATE SCHEMA app;
CREATE TABLE app.animal (id int, name text, legs int);
CREATE TABLE app.dog (good boolean) INHERITS (app.animal);
CREATE TABLE app.cat (lives int DEFAULT 9) INHERITS (app.animal);
