CREATE SCHEMA app;
CREATE TABLE app.t (
    id int PRIMARY KEY,
    a int CONSTRAINT a_required NOT NULL,
    b int NOT NULL,
    c int CONSTRAINT c_new_name NOT NULL,
    d int CONSTRAINT d_required NOT NULL,
    e int,
    f int NOT NULL
);
CREATE TABLE app.child (extra int NOT NULL) INHERITS (app.t);
CREATE TABLE app.fresh (x int CONSTRAINT x_required NOT NULL, y int NOT NULL NO INHERIT);
