CREATE SCHEMA app;
SET search_path TO app;
CREATE TYPE ticket_status AS ENUM ('open', 'pending', 'closed');
CREATE TABLE tickets (
  id serial PRIMARY KEY,
  subject text NOT NULL,
  status ticket_status NOT NULL DEFAULT 'open'
);
CREATE FUNCTION is_active(s ticket_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s IN ('open', 'pending') $$;
CREATE VIEW active_tickets AS SELECT id, subject, status FROM tickets WHERE is_active(status);
