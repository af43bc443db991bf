CREATE SCHEMA app;
CREATE TABLE app.tickets (id int PRIMARY KEY, status varchar(20) NOT NULL);
