CREATE SCHEMA app;
CREATE TABLE app.t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int, s int GENERATED ALWAYS AS (a + b) STORED, plain int, name text COLLATE "C");
