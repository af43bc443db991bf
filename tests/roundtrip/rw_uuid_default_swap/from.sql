-- Before PostgreSQL 13 the app shipped its own UUID generator as a column default.
CREATE FUNCTION uuid_v4() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT md5(random()::text || clock_timestamp()::text)::uuid
$$;
CREATE TABLE documents (id uuid PRIMARY KEY DEFAULT uuid_v4(), title text NOT NULL);
CREATE TABLE attachments (id uuid PRIMARY KEY DEFAULT uuid_v4(), document_id uuid NOT NULL REFERENCES documents ON DELETE CASCADE);
