CREATE SCHEMA core;
CREATE SCHEMA billing;
CREATE SCHEMA report;
CREATE TABLE core.customer (id int PRIMARY KEY);
