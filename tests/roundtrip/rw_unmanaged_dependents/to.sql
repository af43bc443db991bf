-- v2 of the managed schema only: new columns, a new index, order_summary gains a column at
-- its end (CREATE OR REPLACE VIEW can do that), a new table. Nothing the reporting objects use
-- changes type or goes away.
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE, country char(2), vip boolean NOT NULL DEFAULT false);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'new', placed_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at);
CREATE VIEW order_summary AS SELECT customer_id, count(*) AS orders, sum(total) AS revenue, max(placed_at) AS last_order_at FROM orders GROUP BY customer_id;
CREATE TABLE refunds (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders, amount numeric(10,2) NOT NULL);

