CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY, amount int, note text);
CREATE VIEW app.big_orders AS SELECT id, amount FROM app.orders WHERE amount > 100;
CREATE VIEW app.big_order_ids AS SELECT id FROM app.big_orders;
CREATE MATERIALIZED VIEW app.order_totals AS SELECT sum(amount) AS total FROM app.orders;
CREATE VIEW app.doomed_view AS SELECT note FROM app.orders;
