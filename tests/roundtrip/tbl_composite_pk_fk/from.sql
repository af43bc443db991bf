CREATE SCHEMA app;
CREATE TABLE app.projects (id int PRIMARY KEY, name text);
CREATE TABLE app.tasks (id int PRIMARY KEY, project_id int REFERENCES app.projects (id), title text);
