CREATE SCHEMA app;
CREATE TABLE app.setting (key text PRIMARY KEY, value text);
CREATE FUNCTION app.setting_of(k text) RETURNS text LANGUAGE sql STABLE BEGIN ATOMIC SELECT value FROM app.setting WHERE key = k; END;
