SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;

COMMENT ON EXTENSION "uuid-ossp" IS 'generate universally unique identifiers (UUIDs)';

CREATE TABLE public.accounts (
    id uuid DEFAULT public.uuid_generate_v4() NOT NULL,
    email public.citext NOT NULL,
    handle public.citext NOT NULL,
    bio text
);

ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_handle_key UNIQUE (handle);

CREATE INDEX accounts_bio_trgm_idx ON public.accounts USING gin (bio public.gin_trgm_ops);
CREATE INDEX accounts_handle_trgm_idx ON public.accounts USING gist (((handle)::text) public.gist_trgm_ops(siglen='32'));

CREATE FUNCTION public.search_accounts(q text) RETURNS SETOF public.accounts
    LANGUAGE sql STABLE
    AS $$ SELECT * FROM public.accounts WHERE bio OPERATOR(public.%) q ORDER BY public.similarity(bio, q) DESC $$;
