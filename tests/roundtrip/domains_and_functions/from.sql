CREATE SCHEMA app;
CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE DOMAIN app.pct AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE app.m (id int PRIMARY KEY, p app.pct);
