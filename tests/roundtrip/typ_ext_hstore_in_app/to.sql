CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA app;
CREATE TABLE app.product (id int PRIMARY KEY, attrs app.hstore NOT NULL DEFAULT ''::app.hstore);
CREATE INDEX product_attrs_idx ON app.product USING gin (attrs);
