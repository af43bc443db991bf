CREATE SCHEMA app;
CREATE TABLE app.tenant (id int PRIMARY KEY);
CREATE TABLE app.orders (id bigint NOT NULL, tenant_id int NOT NULL REFERENCES app.tenant (id), PRIMARY KEY (id, tenant_id)) PARTITION BY LIST (tenant_id);
CREATE TABLE app.orders_1 PARTITION OF app.orders FOR VALUES IN (1);
CREATE TABLE app.order_line (id int PRIMARY KEY, order_id bigint, tenant_id int, FOREIGN KEY (order_id, tenant_id) REFERENCES app.orders (id, tenant_id));
