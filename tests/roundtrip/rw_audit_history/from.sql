SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

CREATE TABLE public.accounts (
    id integer NOT NULL,
    name text NOT NULL,
    balance numeric(12,2) DEFAULT 0 NOT NULL
);
ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    table_name text NOT NULL,
    op character(1) NOT NULL,
    row_data jsonb,
    changed_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE ONLY public.audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

CREATE FUNCTION public.audit_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    AS $$
BEGIN
  INSERT INTO public.audit_log (table_name, op, row_data)
  VALUES (TG_TABLE_NAME, left(TG_OP, 1), to_jsonb(coalesce(NEW, OLD)));
  RETURN NULL;
END
$$;

CREATE TRIGGER accounts_audit AFTER INSERT OR DELETE OR UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.audit_trigger();
