CREATE SCHEMA app;
CREATE TABLE app.order_lines (id int PRIMARY KEY, qty int NOT NULL, unit_price numeric(10,2) NOT NULL, total numeric GENERATED ALWAYS AS (qty * unit_price) STORED);
