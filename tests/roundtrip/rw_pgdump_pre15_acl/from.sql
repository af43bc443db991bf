-- A dump taken on PostgreSQL 13 (pre-15 public schema ACL), restored on the live server.
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.notes (
    id integer NOT NULL,
    body text
);
ALTER TABLE public.notes OWNER TO postgres;
ALTER TABLE ONLY public.notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id);

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: postgres
--

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO PUBLIC;

GRANT SELECT ON TABLE public.notes TO PUBLIC;
