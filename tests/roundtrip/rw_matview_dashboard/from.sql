-- A dashboard backed by materialized views (refreshed CONCURRENTLY, so each has a unique index).
CREATE TABLE signups (id bigserial PRIMARY KEY, plan text NOT NULL, country char(2), created_at timestamptz NOT NULL DEFAULT now());
CREATE MATERIALIZED VIEW daily_signups AS
  SELECT date_trunc('day', created_at) AS day, plan, count(*) AS n FROM signups GROUP BY 1, 2
  WITH NO DATA;
CREATE UNIQUE INDEX daily_signups_key ON daily_signups (day, plan);
CREATE VIEW signups_last_30_days AS SELECT * FROM daily_signups WHERE day > now() - interval '30 days';
