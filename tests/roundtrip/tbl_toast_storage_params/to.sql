CREATE SCHEMA app;
CREATE TABLE app.blobs (id int PRIMARY KEY, data text) WITH (toast.autovacuum_vacuum_scale_factor = 0.05);
