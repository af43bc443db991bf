CREATE SCHEMA app;
CREATE TABLE app.customer (id int PRIMARY KEY, name text);
CREATE TABLE app.orders (id int PRIMARY KEY, customer_id int REFERENCES app.customer (id));
CREATE INDEX orders_customer_idx ON app.orders (customer_id);
