CREATE SCHEMA app;
CREATE TABLE app.acct (id int PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE FUNCTION app.fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN greatest(amount * 0.015, 0.30);
CREATE FUNCTION app.total_balance() RETURNS numeric LANGUAGE sql STABLE BEGIN ATOMIC SELECT coalesce(sum(balance), 0) FROM app.acct WHERE balance > 0; END;
