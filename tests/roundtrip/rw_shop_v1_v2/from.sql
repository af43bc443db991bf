-- shop v1: one wide customers table, status as free text, money as numeric(10,2).
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  street text,
  city text,
  zip varchar(10),
  country char(2) DEFAULT 'DE'
);
CREATE TABLE products (
  id serial PRIMARY KEY,
  sku varchar(32) NOT NULL UNIQUE,
  title text NOT NULL,
  price numeric(10,2) NOT NULL CHECK (price >= 0),
  deleted_at timestamptz
);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id),
  status text NOT NULL DEFAULT 'new',
  total numeric(10,2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE order_items (
  order_id int NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id int NOT NULL REFERENCES products (id),
  qty int NOT NULL DEFAULT 1,
  price numeric(10,2) NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
