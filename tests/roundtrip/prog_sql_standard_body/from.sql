CREATE SCHEMA app;
CREATE TABLE app.acct (id int PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE FUNCTION app.fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN amount * 0.01;
CREATE FUNCTION app.total_balance() RETURNS numeric LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(balance) FROM app.acct; END;
