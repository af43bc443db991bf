CREATE SCHEMA app;
CREATE TABLE app.task (id int PRIMARY KEY, state text, title text);
CREATE VIEW app.open_task AS SELECT id, state, title FROM app.task WHERE state = 'open';
CREATE VIEW app.open_task_titles AS SELECT id, state, title FROM app.open_task WHERE title IS NOT NULL;
