CREATE SCHEMA app;
CREATE TABLE app.named (name text);
CREATE TABLE app.stamped (created_at timestamptz DEFAULT now());
CREATE TABLE app.note (body text) INHERITS (app.named, app.stamped);
CREATE TABLE app.tag (label text) INHERITS (app.named, app.stamped);
