CREATE SCHEMA app;
CREATE FUNCTION app.valid_sku(sku text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT sku ~ '^[A-Z]{3}-[0-9]+$' $$;
CREATE TABLE app.product (id int PRIMARY KEY, sku text CONSTRAINT product_sku_check CHECK (app.valid_sku(sku)));
