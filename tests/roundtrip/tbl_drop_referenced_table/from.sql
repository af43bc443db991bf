CREATE SCHEMA app;
CREATE TABLE app.categories (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.products (id int PRIMARY KEY, category_id int REFERENCES app.categories (id), name text);
CREATE INDEX products_category_idx ON app.products (category_id);
CREATE TABLE app.promotions (id int PRIMARY KEY, category_id int NOT NULL REFERENCES app.categories (id) ON DELETE CASCADE);
