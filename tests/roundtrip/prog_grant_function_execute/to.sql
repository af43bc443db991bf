DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE FUNCTION app.reset_password(uid int) RETURNS void LANGUAGE sql SECURITY DEFINER AS $$ SELECT $$;
REVOKE EXECUTE ON FUNCTION app.reset_password(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.reset_password(int) TO app_writer;
