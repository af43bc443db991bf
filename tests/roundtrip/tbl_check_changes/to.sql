CREATE SCHEMA app;
CREATE TABLE app.products (id int PRIMARY KEY, price numeric, stock int, sku text,
  CONSTRAINT products_price_check CHECK (price >= 0),
  CONSTRAINT products_stock_nonnegative CHECK (stock >= 0),
  CONSTRAINT sku_format CHECK (sku ~ '^[A-Z0-9]+$') NO INHERIT,
  CONSTRAINT products_free_or_stocked CHECK (price > 0 OR stock = 0));
