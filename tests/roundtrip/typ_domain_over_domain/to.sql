CREATE SCHEMA app;
CREATE DOMAIN app.z_text AS text CHECK (VALUE <> '');
CREATE DOMAIN app.a_slug AS app.z_text CHECK (VALUE ~ '^[a-z0-9-]+$');
CREATE TABLE app.account (id int PRIMARY KEY, slug app.a_slug);
