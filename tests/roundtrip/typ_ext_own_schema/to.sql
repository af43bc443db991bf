CREATE SCHEMA app;
CREATE SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE TABLE app.device (id uuid PRIMARY KEY DEFAULT extensions.uuid_generate_v4(), name text);
