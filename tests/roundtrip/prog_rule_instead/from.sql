CREATE SCHEMA app;
CREATE TABLE app.event (id int PRIMARY KEY, kind text, payload text);
CREATE TABLE app.event_archive (id int PRIMARY KEY, kind text, payload text);
CREATE VIEW app.event_in AS SELECT id, kind, payload FROM app.event;
