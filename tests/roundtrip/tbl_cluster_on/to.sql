CREATE SCHEMA app;
CREATE TABLE app.readings (id int PRIMARY KEY, sensor_id int, at timestamptz);
CREATE INDEX readings_sensor_at_idx ON app.readings (sensor_id, at);
ALTER TABLE app.readings CLUSTER ON readings_sensor_at_idx;
