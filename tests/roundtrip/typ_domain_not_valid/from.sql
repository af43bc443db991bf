CREATE SCHEMA app;
CREATE DOMAIN app.pct AS int;
CREATE TABLE app.score (id int PRIMARY KEY, pct app.pct);
