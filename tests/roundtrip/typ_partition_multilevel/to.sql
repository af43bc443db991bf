CREATE SCHEMA app;
CREATE TABLE app.metric (id bigint NOT NULL, region text NOT NULL, at date NOT NULL, v int) PARTITION BY LIST (region);
CREATE TABLE app.metric_eu PARTITION OF app.metric FOR VALUES IN ('eu');
CREATE TABLE app.metric_us PARTITION OF app.metric FOR VALUES IN ('us') PARTITION BY RANGE (at);
CREATE TABLE app.metric_us_2025 PARTITION OF app.metric_us FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE app.metric_us_other PARTITION OF app.metric_us DEFAULT;
CREATE TABLE app.metric_rest PARTITION OF app.metric DEFAULT;
CREATE INDEX metric_at_idx ON app.metric (at);
