CREATE SCHEMA crm;
CREATE SCHEMA sales;
CREATE TABLE sales.customer (id int PRIMARY KEY, name text);
CREATE TABLE sales.purchase (id int PRIMARY KEY, customer_id int REFERENCES sales.customer (id));
