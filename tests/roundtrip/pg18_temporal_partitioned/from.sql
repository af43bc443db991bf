CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TABLE app.price (sku int NOT NULL, valid daterange NOT NULL, amount numeric) PARTITION BY LIST (sku);
CREATE TABLE app.price_a PARTITION OF app.price FOR VALUES IN (1, 2);
CREATE TABLE app.sale (id int PRIMARY KEY, sku int NOT NULL, sold daterange NOT NULL);
