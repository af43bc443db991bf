CREATE SCHEMA app;
CREATE TYPE app.state AS ENUM ('open', 'done');
CREATE TABLE app.task (id int PRIMARY KEY, state app.state NOT NULL DEFAULT 'open');
