CREATE SCHEMA app;
CREATE TABLE app.sale (id int PRIMARY KEY, shop int, amount numeric(12,2));
CREATE MATERIALIZED VIEW app.shop_totals AS SELECT shop, sum(amount) AS total FROM app.sale GROUP BY shop;
CREATE UNIQUE INDEX shop_totals_shop ON app.shop_totals (shop);
CREATE INDEX shop_totals_total ON app.shop_totals (total DESC);
