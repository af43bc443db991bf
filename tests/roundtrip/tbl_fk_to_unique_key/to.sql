CREATE SCHEMA app;
CREATE TABLE app.accounts (id int PRIMARY KEY, email text NOT NULL, CONSTRAINT accounts_email_key UNIQUE (email));
CREATE TABLE app.orders (id int PRIMARY KEY, account_email text, CONSTRAINT orders_account_email_fkey FOREIGN KEY (account_email) REFERENCES app.accounts (email));
