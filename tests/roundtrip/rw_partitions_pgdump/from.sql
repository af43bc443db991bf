-- Monthly partitions of an events table, as pg_dump writes a partition tree.
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
SET default_tablespace = '';

CREATE TABLE public.events (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    payload jsonb
)
PARTITION BY RANGE (occurred_at);

CREATE TABLE public.events_2024_01 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    payload jsonb
);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024_01 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00');

CREATE TABLE public.events_2024_02 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    payload jsonb
);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024_02 FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00');

ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY public.events_2024_01 ADD CONSTRAINT events_2024_01_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY public.events_2024_02 ADD CONSTRAINT events_2024_02_pkey PRIMARY KEY (id, occurred_at);

CREATE INDEX events_kind_idx ON ONLY public.events USING btree (kind, occurred_at);
CREATE INDEX events_2024_01_kind_occurred_at_idx ON public.events_2024_01 USING btree (kind, occurred_at);
CREATE INDEX events_2024_02_kind_occurred_at_idx ON public.events_2024_02 USING btree (kind, occurred_at);

ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2024_01_pkey;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2024_01_kind_occurred_at_idx;
ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2024_02_pkey;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2024_02_kind_occurred_at_idx;
