CREATE SCHEMA crm;
CREATE SCHEMA sales;
CREATE TABLE crm.customer (id int PRIMARY KEY, name text);
CREATE TABLE sales.purchase (id int PRIMARY KEY, customer_id int REFERENCES crm.customer (id));
