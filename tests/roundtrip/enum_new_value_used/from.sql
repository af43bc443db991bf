CREATE SCHEMA app;
CREATE TYPE app.role AS ENUM ('user', 'admin');
CREATE TABLE app.member (id int PRIMARY KEY, role app.role NOT NULL DEFAULT 'user');
