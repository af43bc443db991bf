CREATE SCHEMA app;
CREATE TABLE app.accounts (id int PRIMARY KEY, email text NOT NULL);
CREATE TABLE app.orders (id int PRIMARY KEY, account_email text);
