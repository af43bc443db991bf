CREATE SCHEMA app;
CREATE TABLE app.t (
    id int PRIMARY KEY,
    a int,
    b int,
    total int GENERATED ALWAYS AS (a + b) VIRTUAL,
    doubled int GENERATED ALWAYS AS (a * 2) STORED,
    label text GENERATED ALWAYS AS ('no. ' || id::text) VIRTUAL,
    kept int GENERATED ALWAYS AS (b - 1),
    added int GENERATED ALWAYS AS (a * b)
);
CREATE TABLE app.n (id int, twice int GENERATED ALWAYS AS (id * 2));
