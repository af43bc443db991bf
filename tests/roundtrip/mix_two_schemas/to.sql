-- Two managed schemas that use each other in every direction (written for this corpus): an
-- order by schema, or by kind within each schema, breaks; only the dependency graph across both
-- gives an order that applies.

CREATE SCHEMA catalog;
CREATE SCHEMA billing;

CREATE TYPE billing.tax_class AS ENUM ('standard', 'reduced', 'exempt');
CREATE DOMAIN catalog.sku AS text CHECK (VALUE ~ '^[A-Z]{3}-[0-9]{4}$');
CREATE DOMAIN billing.line_sku AS catalog.sku CHECK (VALUE NOT LIKE 'TMP-%');
CREATE DOMAIN billing.amount AS numeric(12,2) CHECK (VALUE >= 0);

CREATE TABLE catalog.item (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku catalog.sku NOT NULL UNIQUE,
    title text NOT NULL,
    tax billing.tax_class NOT NULL DEFAULT 'standard',
    list_price billing.amount NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE billing.invoice_codes;

CREATE FUNCTION catalog.next_invoice_code() RETURNS text
    LANGUAGE sql VOLATILE
    AS $$ SELECT 'INV-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('billing.invoice_codes')::text, 6, '0') $$;

CREATE TABLE billing.invoice (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL DEFAULT catalog.next_invoice_code() UNIQUE,
    issued_on date NOT NULL DEFAULT CURRENT_DATE
);

CREATE TABLE billing.invoice_line (
    invoice_id integer NOT NULL REFERENCES billing.invoice (id) ON DELETE CASCADE,
    line_no smallint NOT NULL,
    item_id integer NOT NULL REFERENCES catalog.item (id),
    sku billing.line_sku NOT NULL,
    quantity integer NOT NULL DEFAULT 1,
    unit_price billing.amount NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

CREATE FUNCTION billing.tax_rate(t billing.tax_class) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE t WHEN 'standard' THEN 0.20 WHEN 'reduced' THEN 0.055 ELSE 0 END;

CREATE FUNCTION billing.gross_price(i catalog.item) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN round(i.list_price * (1 + billing.tax_rate(i.tax)), 2);

CREATE FUNCTION billing.revenue_of(i catalog.item) RETURNS numeric
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(sum(l.quantity * l.unit_price), 0) FROM billing.invoice_line l WHERE l.item_id = i.id;
END;

CREATE VIEW catalog.item_prices AS
    SELECT i.id, i.sku, i.title, billing.gross_price(i.*) AS gross_price
    FROM catalog.item i;

CREATE VIEW billing.item_revenue AS
    SELECT p.id, p.sku, p.gross_price, billing.revenue_of(i.*) AS revenue
    FROM catalog.item_prices p JOIN catalog.item i ON i.id = p.id;

CREATE MATERIALIZED VIEW catalog.bestsellers AS
    SELECT id, sku, revenue FROM billing.item_revenue ORDER BY revenue DESC LIMIT 100
    WITH NO DATA;

CREATE FUNCTION catalog.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE TRIGGER item_touch BEFORE UPDATE ON catalog.item FOR EACH ROW EXECUTE FUNCTION catalog.touch();

CREATE FUNCTION billing.check_line_sku() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.sku::text <> (SELECT sku::text FROM catalog.item WHERE id = NEW.item_id) THEN
        RAISE EXCEPTION 'line % of invoice % names another item', NEW.line_no, NEW.invoice_id;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER invoice_line_sku BEFORE INSERT OR UPDATE ON billing.invoice_line FOR EACH ROW EXECUTE FUNCTION billing.check_line_sku();

ALTER TABLE catalog.item ADD CONSTRAINT item_price_covers_tax CHECK (billing.tax_rate(tax) < 1);
CREATE INDEX item_gross_price_idx ON catalog.item (billing.gross_price(item.*));
