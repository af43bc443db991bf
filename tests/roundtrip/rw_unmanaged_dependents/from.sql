-- public is managed; a BI team keeps its own schema `reporting` in the same database, with a
-- view over a managed table and a managed view, a table referencing a managed key, and a
-- function taking a managed table's row type. None of it is in the schema file.
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE, country char(2));
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'new');
CREATE VIEW order_summary AS SELECT customer_id, count(*) AS orders, sum(total) AS revenue FROM orders GROUP BY customer_id;

CREATE SCHEMA reporting;
CREATE VIEW reporting.revenue_by_country AS
  SELECT c.country, sum(s.revenue) AS revenue FROM public.order_summary s JOIN public.customers c ON c.id = s.customer_id GROUP BY c.country;
CREATE VIEW reporting.open_orders AS SELECT id, customer_id, total FROM public.orders WHERE status = 'new';
CREATE TABLE reporting.customer_notes (customer_id int NOT NULL REFERENCES public.customers (id), note text);
CREATE FUNCTION reporting.order_label(o public.orders) RETURNS text LANGUAGE sql AS $$ SELECT o.id || ':' || o.status $$;
