CREATE SCHEMA app;
CREATE TABLE app.tags (id int PRIMARY KEY, slug text NOT NULL, label text COLLATE "C", CONSTRAINT tags_slug_key UNIQUE (slug));
CREATE INDEX tags_label_idx ON app.tags (label);
