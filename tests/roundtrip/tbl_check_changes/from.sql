CREATE SCHEMA app;
CREATE TABLE app.products (id int PRIMARY KEY, price numeric, stock int, sku text,
  CONSTRAINT products_price_check CHECK (price > 0),
  CONSTRAINT stock_ok CHECK (stock >= 0),
  CONSTRAINT sku_format CHECK (sku ~ '^[A-Z]+$'));
