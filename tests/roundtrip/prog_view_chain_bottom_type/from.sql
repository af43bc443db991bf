CREATE SCHEMA app;
CREATE TABLE app.reading (id int PRIMARY KEY, value numeric, at timestamptz);
CREATE VIEW app.r1 AS SELECT id, value::int AS v, at FROM app.reading;
CREATE VIEW app.r2 AS SELECT id, v, date_trunc('day', at) AS day FROM app.r1;
CREATE VIEW app.r3 AS SELECT day, sum(v) AS total FROM app.r2 GROUP BY day;
