-- shop v2: addresses split out of customers, an enum for order status, money as
-- numeric(12,2), a partial unique index (one live product per sku), and a view.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL
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
  price numeric(12,2) NOT NULL CHECK (price >= 0),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX products_sku_live_key ON products (sku) WHERE deleted_at IS NULL;
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id),
  shipping_address_id int REFERENCES addresses (id),
  status order_status NOT NULL DEFAULT 'new',
  total numeric(12,2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE order_items (
  order_id int NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id int NOT NULL REFERENCES products (id),
  qty int NOT NULL DEFAULT 1 CHECK (qty > 0),
  price numeric(12,2) NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);
CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, o.status, sum(i.qty * i.price) AS items_total, count(*) AS lines
  FROM orders o JOIN order_items i ON i.order_id = o.id
  GROUP BY o.id;
