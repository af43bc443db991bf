CREATE SCHEMA app;
CREATE TABLE app.events (id int PRIMARY KEY) WITH (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.02);
CREATE TABLE app.queue (id int PRIMARY KEY) WITH (autovacuum_enabled = false, fillfactor = 50);
