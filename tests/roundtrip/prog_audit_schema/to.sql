CREATE SCHEMA app;
CREATE TABLE app.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, at timestamptz NOT NULL DEFAULT now(), row_data jsonb,
  actor text NOT NULL DEFAULT current_user, old_data jsonb);
CREATE INDEX audit_log_tbl_at ON app.audit_log (tbl, at DESC);
CREATE FUNCTION app.audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO app.audit_log (tbl, op, row_data, old_data)
  VALUES (TG_TABLE_NAME, TG_OP,
          CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
          CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END);
  RETURN NULL;
END $$;
CREATE TABLE app.customer (id int PRIMARY KEY, name text);
CREATE TABLE app.orders (id int PRIMARY KEY, customer int REFERENCES app.customer, total numeric);
CREATE TABLE app.payment (id int PRIMARY KEY, orders int REFERENCES app.orders, amount numeric);
CREATE TRIGGER customer_audit AFTER INSERT OR UPDATE OR DELETE ON app.customer FOR EACH ROW EXECUTE FUNCTION app.audit_row();
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.audit_row();
CREATE TRIGGER payment_audit AFTER INSERT OR UPDATE OR DELETE ON app.payment FOR EACH ROW EXECUTE FUNCTION app.audit_row();
CREATE VIEW app.recent_audit AS SELECT tbl, op, at, actor FROM app.audit_log WHERE at > now() - interval '1 day';
COMMENT ON TRIGGER payment_audit ON app.payment IS 'generic audit';
