CREATE SCHEMA app;
CREATE TABLE app.events (id int PRIMARY KEY) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.2);
CREATE TABLE app.queue (id int PRIMARY KEY);
