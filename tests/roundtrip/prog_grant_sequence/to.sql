DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE SEQUENCE app.order_no;
CREATE TABLE app.orders (id bigint PRIMARY KEY DEFAULT nextval('app.order_no'));
GRANT INSERT ON app.orders TO app_writer;
GRANT USAGE, SELECT ON SEQUENCE app.order_no TO app_writer;
