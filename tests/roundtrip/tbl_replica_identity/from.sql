CREATE SCHEMA app;
CREATE TABLE app.audit (id int PRIMARY KEY, v text);
CREATE TABLE app.devices (id int PRIMARY KEY, serial text NOT NULL);
CREATE UNIQUE INDEX devices_serial_idx ON app.devices (serial);
