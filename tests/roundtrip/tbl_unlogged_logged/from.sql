CREATE SCHEMA app;
CREATE TABLE app.sessions (id uuid PRIMARY KEY, data jsonb);
CREATE UNLOGGED TABLE app.import_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, line text);
