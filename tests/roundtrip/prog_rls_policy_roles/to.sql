DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.invoice (id int PRIMARY KEY, tenant text NOT NULL, amount int, locked boolean NOT NULL DEFAULT false);
ALTER TABLE app.invoice ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoice_read ON app.invoice FOR SELECT TO app_reader, app_writer USING (tenant = current_setting('app.tenant', true));
CREATE POLICY invoice_write ON app.invoice FOR UPDATE TO app_writer USING (tenant = current_setting('app.tenant', true)) WITH CHECK (amount >= 0);
CREATE POLICY invoice_not_locked ON app.invoice AS RESTRICTIVE FOR UPDATE TO app_writer USING (NOT locked);
