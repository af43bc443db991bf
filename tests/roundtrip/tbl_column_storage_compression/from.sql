CREATE SCHEMA app;
CREATE TABLE app.docs (id int PRIMARY KEY, body text, meta jsonb);
