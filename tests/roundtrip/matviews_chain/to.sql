CREATE SCHEMA app;
CREATE TABLE app.sale (id int PRIMARY KEY, amount numeric, region text, at date);
CREATE VIEW app.sale_eu AS SELECT id, amount, at FROM app.sale WHERE region IN ('eu', 'uk');
CREATE MATERIALIZED VIEW app.sale_eu_total AS SELECT sum(amount) AS total, max(at) AS last_at FROM app.sale_eu WITH NO DATA;
CREATE UNIQUE INDEX sale_eu_total_idx ON app.sale_eu_total (total, last_at);
COMMENT ON MATERIALIZED VIEW app.sale_eu_total IS 'totals';
COMMENT ON COLUMN app.sale_eu.at IS 'sale date';
