CREATE SCHEMA app;
CREATE DOMAIN app.cents AS bigint CHECK (VALUE >= 0);
CREATE TABLE app.price (id int PRIMARY KEY, amount app.cents);
