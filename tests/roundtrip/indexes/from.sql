CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, email text, active boolean, created_at timestamptz);
CREATE INDEX t_created_idx ON app.t (created_at);
CREATE INDEX t_active_idx ON app.t (id) WHERE active;
