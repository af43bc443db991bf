CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, name text, legacy_code text);
CREATE VIEW app.user_list AS SELECT id, name, legacy_code FROM app.users;
