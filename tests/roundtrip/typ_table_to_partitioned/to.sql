CREATE SCHEMA app;
CREATE TABLE app.audit (id bigint NOT NULL, at date NOT NULL, what text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE app.audit_2025 PARTITION OF app.audit FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX audit_what_idx ON app.audit (what);
