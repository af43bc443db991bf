CREATE SCHEMA app;
CREATE TYPE app.point2 AS (x int, y int);
CREATE TABLE app.shape (id int PRIMARY KEY, origin app.point2);
