CREATE SCHEMA app;
CREATE TABLE app.doc (id int PRIMARY KEY, body text);
