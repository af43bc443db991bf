CREATE SCHEMA app;
CREATE TABLE app.events (id int PRIMARY KEY, kind text, at timestamptz);
CREATE INDEX events_kind_idx ON app.events (kind) WITH (fillfactor = 90, deduplicate_items = off);
CREATE INDEX events_at_brin ON app.events USING brin (at) WITH (pages_per_range = 64);
