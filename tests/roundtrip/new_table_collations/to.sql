CREATE SCHEMA app;
CREATE TABLE app.word (id int PRIMARY KEY, w text COLLATE "C" NOT NULL, v varchar(20) COLLATE "POSIX");
CREATE TYPE app.pair AS (a text COLLATE "C", b int);
