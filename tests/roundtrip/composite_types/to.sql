CREATE SCHEMA app;
CREATE TYPE app.point2 AS (x int, y int);
CREATE TYPE app.range2 AS (lo int, hi int);
CREATE TABLE app.shape (id int PRIMARY KEY, origin app.point2, extent app.range2);
