CREATE SCHEMA app;
CREATE TABLE app.customers (id int PRIMARY KEY, region text, code text, CONSTRAINT customers_region_code_key UNIQUE (region, code));
CREATE TABLE app.orders (id int PRIMARY KEY, customer_id int, region text, code text,
  CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES app.customers (id) ON DELETE CASCADE,
  CONSTRAINT orders_region_code_fkey FOREIGN KEY (region, code) REFERENCES app.customers (region, code));
