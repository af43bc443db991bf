-- A ticketing app retires a status: enums in public used by a column (with a default), a
-- function signature, a check and a view.
CREATE TYPE ticket_status AS ENUM ('open', 'pending', 'on_hold', 'closed');
CREATE TABLE tickets (
  id serial PRIMARY KEY,
  subject text NOT NULL,
  status ticket_status NOT NULL DEFAULT 'open',
  closed_at timestamptz,
  CONSTRAINT tickets_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX tickets_open_idx ON tickets (id) WHERE status <> 'closed';
CREATE FUNCTION is_active(s ticket_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s IN ('open', 'pending') $$;
CREATE VIEW active_tickets AS SELECT id, subject, status FROM tickets WHERE status <> 'closed';
