CREATE SCHEMA app;
CREATE DOMAIN app.cents AS bigint CHECK (VALUE >= 0) CHECK (VALUE < 100000000);
CREATE FUNCTION app.with_vat(c app.cents) RETURNS app.cents LANGUAGE sql IMMUTABLE AS $$ SELECT (c * 6 / 5)::app.cents $$;
CREATE TABLE app.price (id int PRIMARY KEY, amount app.cents, gross app.cents GENERATED ALWAYS AS (app.with_vat(amount)) STORED);
