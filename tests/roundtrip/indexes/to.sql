CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, email text, active boolean, created_at timestamptz);
CREATE INDEX t_created_idx ON app.t (created_at DESC, id);
CREATE INDEX t_active_idx ON app.t (id) WHERE active AND email IS NOT NULL;
CREATE UNIQUE INDEX t_email_lower_idx ON app.t (lower(email));
