-- Rotated: January dropped, March added, a default partition, a new column and a GIN index
-- over payload on the whole tree.
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
SET default_tablespace = '';

CREATE TABLE public.events (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    source text DEFAULT 'app'::text NOT NULL,
    payload jsonb
)
PARTITION BY RANGE (occurred_at);

CREATE TABLE public.events_2024_02 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    source text DEFAULT 'app'::text NOT NULL,
    payload jsonb
);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024_02 FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00');

CREATE TABLE public.events_2024_03 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    source text DEFAULT 'app'::text NOT NULL,
    payload jsonb
);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024_03 FOR VALUES FROM ('2024-03-01 00:00:00+00') TO ('2024-04-01 00:00:00+00');

CREATE TABLE public.events_default (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    source text DEFAULT 'app'::text NOT NULL,
    payload jsonb
);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_default DEFAULT;

ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY public.events_2024_02 ADD CONSTRAINT events_2024_02_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY public.events_2024_03 ADD CONSTRAINT events_2024_03_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY public.events_default ADD CONSTRAINT events_default_pkey PRIMARY KEY (id, occurred_at);

CREATE INDEX events_kind_idx ON ONLY public.events USING btree (kind, occurred_at);
CREATE INDEX events_2024_02_kind_occurred_at_idx ON public.events_2024_02 USING btree (kind, occurred_at);
CREATE INDEX events_2024_03_kind_occurred_at_idx ON public.events_2024_03 USING btree (kind, occurred_at);
CREATE INDEX events_default_kind_occurred_at_idx ON public.events_default USING btree (kind, occurred_at);

CREATE INDEX events_payload_idx ON ONLY public.events USING gin (payload);
CREATE INDEX events_2024_02_payload_idx ON public.events_2024_02 USING gin (payload);
CREATE INDEX events_2024_03_payload_idx ON public.events_2024_03 USING gin (payload);
CREATE INDEX events_default_payload_idx ON public.events_default USING gin (payload);

ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2024_02_pkey;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2024_02_kind_occurred_at_idx;
ALTER INDEX public.events_payload_idx ATTACH PARTITION public.events_2024_02_payload_idx;
ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2024_03_pkey;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2024_03_kind_occurred_at_idx;
ALTER INDEX public.events_payload_idx ATTACH PARTITION public.events_2024_03_payload_idx;
ALTER INDEX public.events_pkey ATTACH PARTITION public.events_default_pkey;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_default_kind_occurred_at_idx;
ALTER INDEX public.events_payload_idx ATTACH PARTITION public.events_default_payload_idx;
