CREATE SCHEMA app;
CREATE TABLE app.log (id bigint NOT NULL, at date NOT NULL, msg text) PARTITION BY RANGE (at);
CREATE TABLE app.log_2024 PARTITION OF app.log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.log_2025 (id bigint NOT NULL, at date NOT NULL, msg text);
CREATE TABLE app.base (created_at timestamptz DEFAULT now(), shared int);
CREATE TABLE app.child (a int) INHERITS (app.base);
CREATE TABLE app.loner (created_at timestamptz DEFAULT now(), shared int, b int);
CREATE TABLE app.was_partitioned (id int, at date) PARTITION BY RANGE (at);
