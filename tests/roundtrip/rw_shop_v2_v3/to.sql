-- shop v3: status gains 'refunded' (used by a new partial index) and loses nothing; money
-- widened again (to numeric(14,2)) under the view; a materialized view for the dashboard;
-- products get a generated search column.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'refunded', 'cancelled');
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  marketing_opt_in boolean NOT NULL DEFAULT false
);
CREATE TABLE addresses (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind text NOT NULL DEFAULT 'shipping' CHECK (kind IN ('shipping', 'billing')),
  street text NOT NULL,
  city text NOT NULL,
  zip varchar(10) NOT NULL,
  country char(2) NOT NULL DEFAULT 'DE'
);
CREATE UNIQUE INDEX addresses_one_per_kind ON addresses (customer_id, kind);
CREATE TABLE products (
  id serial PRIMARY KEY,
  sku varchar(32) NOT NULL,
  title text NOT NULL,
  price numeric(14,2) NOT NULL CHECK (price >= 0),
  deleted_at timestamptz,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', sku || ' ' || title)) STORED
);
CREATE UNIQUE INDEX products_sku_live_key ON products (sku) WHERE deleted_at IS NULL;
CREATE INDEX products_search_idx ON products USING gin (search);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id),
  shipping_address_id int REFERENCES addresses (id),
  status order_status NOT NULL DEFAULT 'new',
  total numeric(14,2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_refunded_idx ON orders (created_at) WHERE status = 'refunded';
CREATE TABLE order_items (
  order_id int NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id int NOT NULL REFERENCES products (id),
  qty int NOT NULL DEFAULT 1 CHECK (qty > 0),
  price numeric(14,2) NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);
CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, o.status, sum(i.qty * i.price) AS items_total, count(*) AS lines
  FROM orders o JOIN order_items i ON i.order_id = o.id
  GROUP BY o.id;
CREATE MATERIALIZED VIEW daily_revenue AS
  SELECT date_trunc('day', o.created_at) AS day, sum(t.items_total) AS revenue
  FROM orders o JOIN order_totals t ON t.order_id = o.id
  WHERE o.status IN ('paid', 'shipped')
  GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day_idx ON daily_revenue (day);
