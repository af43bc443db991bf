CREATE SCHEMA app;
CREATE TABLE app.job (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false, at timestamptz);
CREATE PROCEDURE app.purge_jobs(older_than interval DEFAULT '7 days') LANGUAGE sql AS $$ DELETE FROM app.job WHERE done AND at < now() - older_than $$;
CREATE PROCEDURE app.finish_job(j int) LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN UPDATE app.job SET done = true, at = now() WHERE id = j; COMMIT; END $$;
