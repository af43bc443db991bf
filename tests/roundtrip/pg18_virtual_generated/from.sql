CREATE SCHEMA app;
CREATE TABLE app.t (
    id int PRIMARY KEY,
    a int,
    b int,
    total int GENERATED ALWAYS AS (a + b) STORED,
    doubled int GENERATED ALWAYS AS (a * 2) VIRTUAL,
    label text GENERATED ALWAYS AS ('#' || id::text),
    kept int GENERATED ALWAYS AS (b - 1) VIRTUAL
);
