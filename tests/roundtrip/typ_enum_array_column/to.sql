CREATE SCHEMA app;
CREATE TYPE app.flag AS ENUM ('red', 'blue');
CREATE TABLE app.item (id int PRIMARY KEY, flags app.flag[] NOT NULL DEFAULT '{red}');
