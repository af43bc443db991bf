CREATE SCHEMA app;
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE TABLE app.car (id int PRIMARY KEY, color app.color DEFAULT 'red');
