CREATE SCHEMA app;
CREATE TABLE app.booking (id int PRIMARY KEY, room int, during tstzrange);
CREATE TABLE app.tag (name text);
CREATE UNIQUE INDEX tag_name_idx ON app.tag (name);
