CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY, amount bigint, note text);
CREATE VIEW app.big_orders AS SELECT id, amount FROM app.orders WHERE amount > 1000;
CREATE VIEW app.big_order_ids AS SELECT id FROM app.big_orders;
CREATE MATERIALIZED VIEW app.order_totals AS SELECT sum(amount) AS total, count(*) AS n FROM app.orders;
CREATE UNIQUE INDEX order_totals_total_idx ON app.order_totals (total);
