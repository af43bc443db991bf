CREATE SCHEMA app;
CREATE TABLE app.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, at timestamptz NOT NULL DEFAULT now(), row_data jsonb);
CREATE FUNCTION app.audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO app.audit_log (tbl, op, row_data) VALUES (TG_TABLE_NAME, TG_OP, to_jsonb(NEW));
  RETURN NULL;
END $$;
CREATE TABLE app.customer (id int PRIMARY KEY, name text);
CREATE TABLE app.orders (id int PRIMARY KEY, customer int REFERENCES app.customer, total numeric);
CREATE TRIGGER customer_audit AFTER INSERT OR UPDATE ON app.customer FOR EACH ROW EXECUTE FUNCTION app.audit_row();
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.audit_row();
