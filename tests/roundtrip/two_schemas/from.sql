CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.account (id int PRIMARY KEY);
CREATE TABLE b.invoice (id int PRIMARY KEY, account_id int REFERENCES a.account (id));
