CREATE SCHEMA app;
CREATE TABLE app.word (id int PRIMARY KEY, w text);
