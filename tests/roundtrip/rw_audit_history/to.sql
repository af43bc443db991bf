SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

CREATE TABLE public.accounts (
    id integer NOT NULL,
    name text NOT NULL,
    balance numeric(12,2) DEFAULT 0 NOT NULL
);
ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

CREATE TABLE public.transfers (
    id integer NOT NULL,
    from_id integer NOT NULL,
    to_id integer NOT NULL,
    amount numeric(12,2) NOT NULL,
    CONSTRAINT transfers_amount_check CHECK ((amount > (0)::numeric))
);
ALTER TABLE ONLY public.transfers ADD CONSTRAINT transfers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.transfers ADD CONSTRAINT transfers_from_id_fkey FOREIGN KEY (from_id) REFERENCES public.accounts(id);
ALTER TABLE ONLY public.transfers ADD CONSTRAINT transfers_to_id_fkey FOREIGN KEY (to_id) REFERENCES public.accounts(id);

-- History is now split: old/new row images, the changed keys, who did it, in which txid.
CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    table_name text NOT NULL,
    op character(1) NOT NULL,
    old_data jsonb,
    new_data jsonb,
    changed_keys text[] GENERATED ALWAYS AS (NULL::text[]) STORED,
    actor text DEFAULT current_setting('app.user'::text, true),
    txid bigint DEFAULT txid_current() NOT NULL,
    changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT audit_log_op_check CHECK ((op = ANY (ARRAY['I'::bpchar, 'U'::bpchar, 'D'::bpchar, 'T'::bpchar])))
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
CREATE INDEX audit_log_table_changed_idx ON public.audit_log USING btree (table_name, changed_at DESC);
CREATE INDEX audit_log_new_data_idx ON public.audit_log USING gin (new_data jsonb_path_ops);
COMMENT ON TABLE public.audit_log IS 'Row history written by public.audit_trigger()';

CREATE FUNCTION public.audit_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO public.audit_log (table_name, op) VALUES (TG_TABLE_NAME, 'T');
    RETURN NULL;
  END IF;
  INSERT INTO public.audit_log (table_name, op, old_data, new_data)
  VALUES (TG_TABLE_NAME, left(TG_OP, 1),
          CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
          CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION public.audit_trigger() IS 'Generic row audit';

CREATE TRIGGER accounts_audit AFTER INSERT OR DELETE OR UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.audit_trigger();
CREATE TRIGGER accounts_audit_truncate AFTER TRUNCATE ON public.accounts FOR EACH STATEMENT EXECUTE FUNCTION public.audit_trigger();
CREATE TRIGGER transfers_audit AFTER INSERT OR DELETE OR UPDATE ON public.transfers FOR EACH ROW EXECUTE FUNCTION public.audit_trigger();
