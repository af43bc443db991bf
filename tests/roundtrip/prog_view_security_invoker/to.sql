CREATE SCHEMA app;
CREATE TABLE app.note (id int PRIMARY KEY, owner text, body text, created timestamptz);
CREATE VIEW app.my_notes WITH (security_invoker = true) AS SELECT id, body, created FROM app.note WHERE owner = current_user;
