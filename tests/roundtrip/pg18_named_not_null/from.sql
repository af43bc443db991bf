CREATE SCHEMA app;
CREATE TABLE app.t (
    id int PRIMARY KEY,
    a int NOT NULL,
    b int CONSTRAINT b_required NOT NULL,
    c int CONSTRAINT c_old_name NOT NULL,
    d int,
    e int CONSTRAINT e_required NOT NULL,
    f int NOT NULL NO INHERIT
);
CREATE TABLE app.child (extra int CONSTRAINT extra_required NOT NULL) INHERITS (app.t);
