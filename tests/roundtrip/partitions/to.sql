CREATE SCHEMA app;
CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX events_at_idx ON app.events (at);
CREATE TABLE app.readings (id bigint NOT NULL, at timestamptz NOT NULL, value numeric, PRIMARY KEY (id, at), UNIQUE (at, id)) PARTITION BY RANGE (at);
CREATE TABLE app.readings_2026 PARTITION OF app.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX readings_value_idx ON app.readings (value) WHERE value > 0;
