CREATE SCHEMA app;
CREATE TABLE app.docs (id int PRIMARY KEY, path text, body jsonb, title text);
CREATE INDEX docs_path_idx ON app.docs (path);
CREATE INDEX docs_body_idx ON app.docs USING gin (body);
CREATE INDEX docs_title_idx ON app.docs (title);
