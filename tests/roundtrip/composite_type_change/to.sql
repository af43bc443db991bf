CREATE SCHEMA app;
CREATE TYPE app.addr AS (street text, city text, zip text);
CREATE TABLE app.person (id int PRIMARY KEY, home app.addr);
