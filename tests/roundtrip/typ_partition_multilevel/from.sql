CREATE SCHEMA app;
CREATE TABLE app.metric (id bigint NOT NULL, region text NOT NULL, at date NOT NULL, v int) PARTITION BY LIST (region);
CREATE TABLE app.metric_eu PARTITION OF app.metric FOR VALUES IN ('eu');
CREATE INDEX metric_at_idx ON app.metric (at);
