DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.payout (id int PRIMARY KEY, amount int);
CREATE VIEW app.payout_public AS SELECT id, amount FROM app.payout;
GRANT SELECT ON app.payout TO app_reader;
GRANT SELECT ON app.payout_public TO app_reader;
