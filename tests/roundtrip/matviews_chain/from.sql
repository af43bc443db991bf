CREATE SCHEMA app;
CREATE TABLE app.sale (id int PRIMARY KEY, amount numeric, region text);
CREATE VIEW app.sale_eu AS SELECT id, amount FROM app.sale WHERE region = 'eu';
CREATE MATERIALIZED VIEW app.sale_eu_total AS SELECT sum(amount) AS total FROM app.sale_eu;
CREATE INDEX sale_eu_total_idx ON app.sale_eu_total (total);
