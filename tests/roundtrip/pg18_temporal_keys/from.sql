CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TABLE app.room (id int NOT NULL, valid tstzrange NOT NULL, name text, PRIMARY KEY (id));
CREATE TABLE app.booking (id int PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL);
