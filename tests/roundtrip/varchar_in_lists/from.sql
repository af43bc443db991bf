CREATE SCHEMA app;
CREATE TABLE app.ticket (id int PRIMARY KEY, status varchar(20) NOT NULL, kind varchar(10));
