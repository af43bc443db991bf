CREATE SCHEMA app;
CREATE TABLE app.job (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false, at timestamptz);
CREATE PROCEDURE app.purge_jobs() LANGUAGE sql AS $$ DELETE FROM app.job WHERE done $$;
CREATE PROCEDURE app.finish_job(j int) LANGUAGE plpgsql AS $$ BEGIN UPDATE app.job SET done = true WHERE id = j; END $$;
