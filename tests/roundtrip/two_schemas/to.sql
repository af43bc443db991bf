CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TYPE a.currency AS ENUM ('eur', 'usd');
CREATE TABLE a.account (id int PRIMARY KEY, currency a.currency NOT NULL DEFAULT 'eur');
CREATE FUNCTION a.account_exists(i int) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM a.account WHERE id = i) $$;
CREATE TABLE b.invoice (id int PRIMARY KEY, account_id int REFERENCES a.account (id) ON DELETE CASCADE, currency a.currency);
CREATE VIEW b.invoice_accounts AS SELECT i.id, a.currency FROM b.invoice i JOIN a.account a ON a.id = i.account_id;
