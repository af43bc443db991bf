CREATE SCHEMA app;
CREATE TABLE app.account (id int PRIMARY KEY, balance numeric NOT NULL,
  CONSTRAINT account_balance_floor CHECK (balance > -1000) NOT ENFORCED);
CREATE TABLE app.entry (
  id int PRIMARY KEY,
  account int NOT NULL,
  amount numeric NOT NULL,
  reversal_of int,
  CONSTRAINT entry_amount_nonzero CHECK (amount <> 0) NOT ENFORCED,
  CONSTRAINT entry_account_fkey FOREIGN KEY (account) REFERENCES app.account (id),
  CONSTRAINT entry_id_positive CHECK (id > 0),
  CONSTRAINT entry_reversal_fkey FOREIGN KEY (reversal_of) REFERENCES app.entry (id) NOT ENFORCED,
  CONSTRAINT entry_self_fkey FOREIGN KEY (id) REFERENCES app.entry (id) NOT ENFORCED
);
COMMENT ON CONSTRAINT entry_account_fkey ON app.entry IS 'checked by the nightly job';
CREATE TABLE app.entry_log (entry int NOT NULL, at date NOT NULL,
  CONSTRAINT entry_log_entry_fkey FOREIGN KEY (entry) REFERENCES app.entry (id) NOT ENFORCED)
  PARTITION BY RANGE (at);
CREATE TABLE app.entry_log_2026 PARTITION OF app.entry_log
  FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
