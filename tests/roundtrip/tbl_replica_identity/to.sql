CREATE SCHEMA app;
CREATE TABLE app.audit (id int PRIMARY KEY, v text);
CREATE TABLE app.devices (id int PRIMARY KEY, serial text NOT NULL);
CREATE UNIQUE INDEX devices_serial_idx ON app.devices (serial);
ALTER TABLE app.audit REPLICA IDENTITY FULL;
ALTER TABLE app.devices REPLICA IDENTITY USING INDEX devices_serial_idx;
