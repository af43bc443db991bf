CREATE SCHEMA app;
CREATE TABLE app.category (id int PRIMARY KEY, parent int REFERENCES app.category, name text);
CREATE RECURSIVE VIEW app.category_path (id, path, depth) AS
  SELECT id, name, 1 FROM app.category WHERE parent IS NULL
  UNION ALL SELECT c.id, p.path || ' > ' || c.name, p.depth + 1 FROM app.category c JOIN category_path p ON c.parent = p.id;
