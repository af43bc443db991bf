DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.invoice (id int PRIMARY KEY, tenant text NOT NULL, amount int, locked boolean NOT NULL DEFAULT false);
ALTER TABLE app.invoice ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoice_read ON app.invoice FOR SELECT TO app_reader USING (tenant = current_setting('app.tenant'));
CREATE POLICY invoice_write ON app.invoice FOR ALL TO app_writer USING (tenant = current_setting('app.tenant'));
