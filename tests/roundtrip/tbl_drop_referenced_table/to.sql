CREATE SCHEMA app;
CREATE TABLE app.products (id int PRIMARY KEY, category_id int, name text);
CREATE INDEX products_category_idx ON app.products (category_id);
CREATE TABLE app.promotions (id int PRIMARY KEY, category_id int NOT NULL);
