CREATE SCHEMA core;
CREATE SCHEMA billing;
CREATE SCHEMA report;
CREATE TYPE core.currency AS ENUM ('eur', 'usd');
CREATE DOMAIN core.money_cents AS bigint CHECK (VALUE >= 0);
CREATE TABLE core.customer (id int PRIMARY KEY);
CREATE TABLE billing.invoice (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES core.customer (id), currency core.currency NOT NULL, amount core.money_cents);
CREATE FUNCTION billing.in_eur(amount core.money_cents, c core.currency) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN c = 'usd' THEN amount * 0.9 ELSE amount END $$;
CREATE VIEW report.revenue AS SELECT i.customer_id, sum(billing.in_eur(i.amount, i.currency)) AS eur FROM billing.invoice i JOIN core.customer c ON c.id = i.customer_id GROUP BY 1;
