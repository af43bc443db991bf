CREATE SCHEMA app;
CREATE TABLE app.projects (id int NOT NULL, name text, tenant_id int NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE app.tasks (id int NOT NULL, project_id int, title text, tenant_id int NOT NULL, PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES app.projects (tenant_id, id));
