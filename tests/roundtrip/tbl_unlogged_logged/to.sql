CREATE SCHEMA app;
CREATE UNLOGGED TABLE app.sessions (id uuid PRIMARY KEY, data jsonb);
CREATE TABLE app.import_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, line text);
