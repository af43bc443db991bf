CREATE SCHEMA app;
CREATE TABLE app.events (id bigint PRIMARY KEY, kind text, payload jsonb, at timestamptz, during tstzrange, user_id int);
CREATE INDEX events_user_idx ON app.events (user_id);
CREATE INDEX events_kind_idx ON app.events (kind);
CREATE INDEX events_errors_idx ON app.events (at) WHERE kind = 'error';
