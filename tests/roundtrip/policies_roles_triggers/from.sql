CREATE SCHEMA app;
CREATE TABLE app.acct (id int PRIMARY KEY, owner name DEFAULT current_user, balance int);
CREATE VIEW app.acct_view AS SELECT id, balance FROM app.acct;
