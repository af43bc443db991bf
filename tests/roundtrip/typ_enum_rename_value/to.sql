CREATE SCHEMA app;
CREATE TYPE app.state AS ENUM ('open', 'finished');
CREATE TABLE app.task (id int PRIMARY KEY, state app.state NOT NULL DEFAULT 'open');
