-- The same app dumped again after a feature, from a PostgreSQL 15 server: the public schema
-- keeps the new default ACL (no CREATE for PUBLIC); the table grant is unchanged.
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.notes (
    id integer NOT NULL,
    body text,
    pinned boolean DEFAULT false NOT NULL
);
ALTER TABLE public.notes OWNER TO postgres;
ALTER TABLE ONLY public.notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id);

COMMENT ON SCHEMA public IS 'standard public schema';

GRANT SELECT ON TABLE public.notes TO PUBLIC;
