DO $$ BEGIN CREATE ROLE app_maintainer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.event (id int PRIMARY KEY, payload jsonb);
CREATE MATERIALIZED VIEW app.event_count AS SELECT count(*) AS n FROM app.event;
CREATE TABLE app.audit (id int PRIMARY KEY);
GRANT SELECT, INSERT ON app.event TO app_writer;
GRANT MAINTAIN ON app.audit TO app_maintainer;
