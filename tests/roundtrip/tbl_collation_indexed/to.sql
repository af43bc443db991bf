CREATE SCHEMA app;
CREATE TABLE app.tags (id int PRIMARY KEY, slug text COLLATE "C" NOT NULL, label text, CONSTRAINT tags_slug_key UNIQUE (slug));
CREATE INDEX tags_label_idx ON app.tags (label);
