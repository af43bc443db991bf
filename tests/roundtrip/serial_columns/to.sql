CREATE SCHEMA app;
CREATE TABLE app.a (id serial PRIMARY KEY, name text);
CREATE TABLE app.b (id int PRIMARY KEY, seq_no serial NOT NULL);
CREATE SEQUENCE app.shared_seq AS integer MAXVALUE 100000 CYCLE;
CREATE TABLE app.c (id int PRIMARY KEY DEFAULT nextval('app.shared_seq'));
