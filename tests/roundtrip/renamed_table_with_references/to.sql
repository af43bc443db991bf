CREATE SCHEMA app;
CREATE TABLE app.client (id int PRIMARY KEY, name text);
CREATE TABLE app.orders (id int PRIMARY KEY, client_id int REFERENCES app.client (id));
CREATE INDEX orders_client_idx ON app.orders (client_id);
