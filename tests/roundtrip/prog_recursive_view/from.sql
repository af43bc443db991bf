CREATE SCHEMA app;
CREATE TABLE app.category (id int PRIMARY KEY, parent int REFERENCES app.category, name text);
CREATE RECURSIVE VIEW app.category_path (id, path) AS
  SELECT id, name FROM app.category WHERE parent IS NULL
  UNION ALL SELECT c.id, p.path || '/' || c.name FROM app.category c JOIN category_path p ON c.parent = p.id;
