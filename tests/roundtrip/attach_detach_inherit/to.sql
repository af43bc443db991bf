CREATE SCHEMA app;
CREATE TABLE app.log (id bigint NOT NULL, at date NOT NULL, msg text, level int) PARTITION BY RANGE (at);
CREATE TABLE app.log_2024 (id bigint NOT NULL, at date NOT NULL, msg text);
CREATE TABLE app.log_2025 PARTITION OF app.log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE app.base (created_at timestamptz DEFAULT now());
CREATE TABLE app.child (a int, shared int) INHERITS (app.base);
CREATE TABLE app.loner (b int) INHERITS (app.base);
ALTER TABLE app.loner ADD COLUMN shared int;
CREATE TABLE app.was_partitioned (id int, at date);
