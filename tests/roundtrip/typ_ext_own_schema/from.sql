CREATE SCHEMA app;
CREATE TABLE app.device (id uuid PRIMARY KEY, name text);
