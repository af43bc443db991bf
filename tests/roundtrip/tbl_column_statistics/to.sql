CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY, tenant_id int, status text);
ALTER TABLE app.orders ALTER COLUMN status SET STATISTICS 1000;
ALTER TABLE app.orders ALTER COLUMN tenant_id SET (n_distinct = 100);
