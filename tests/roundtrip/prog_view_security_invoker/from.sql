CREATE SCHEMA app;
CREATE TABLE app.note (id int PRIMARY KEY, owner text, body text, created timestamptz);
CREATE VIEW app.my_notes AS SELECT id, body FROM app.note WHERE owner = current_user;
