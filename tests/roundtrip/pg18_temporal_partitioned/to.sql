CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TABLE app.price (sku int NOT NULL, valid daterange NOT NULL, amount numeric,
  CONSTRAINT price_pkey PRIMARY KEY (sku, valid WITHOUT OVERLAPS)) PARTITION BY LIST (sku);
CREATE TABLE app.price_a PARTITION OF app.price FOR VALUES IN (1, 2);
CREATE TABLE app.sale (id int PRIMARY KEY, sku int NOT NULL, sold daterange NOT NULL,
  CONSTRAINT sale_price_fkey FOREIGN KEY (sku, PERIOD sold) REFERENCES app.price (sku, PERIOD valid) NOT ENFORCED,
  CONSTRAINT sale_sold_check CHECK (NOT isempty(sold)) NO INHERIT NOT ENFORCED);
CREATE TABLE app.span (id int NOT NULL, during tsmultirange NOT NULL,
  CONSTRAINT span_key UNIQUE (id, during WITHOUT OVERLAPS));
