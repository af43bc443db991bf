CREATE SCHEMA app;
CREATE TYPE app.role AS ENUM ('guest', 'user', 'admin');
CREATE TABLE app.member (id int PRIMARY KEY, role app.role NOT NULL DEFAULT 'guest', first_role app.role DEFAULT 'guest');
