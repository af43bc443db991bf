-- v2: the matview also splits by country (its definition changes, so it is recreated with its
-- index and the view over it), a second matview on top of the first, and a comment.
CREATE TABLE signups (id bigserial PRIMARY KEY, plan text NOT NULL, country char(2), referrer text, created_at timestamptz NOT NULL DEFAULT now());
CREATE MATERIALIZED VIEW daily_signups AS
  SELECT date_trunc('day', created_at) AS day, plan, coalesce(country, '??') AS country, count(*) AS n FROM signups GROUP BY 1, 2, 3
  WITH NO DATA;
CREATE UNIQUE INDEX daily_signups_key ON daily_signups (day, plan, country);
CREATE INDEX daily_signups_country_idx ON daily_signups (country);
CREATE VIEW signups_last_30_days AS SELECT * FROM daily_signups WHERE day > now() - interval '30 days';
CREATE MATERIALIZED VIEW monthly_signups AS
  SELECT date_trunc('month', day) AS month, plan, sum(n) AS n FROM daily_signups GROUP BY 1, 2
  WITH NO DATA;
CREATE UNIQUE INDEX monthly_signups_key ON monthly_signups (month, plan);
COMMENT ON MATERIALIZED VIEW daily_signups IS 'refreshed nightly, concurrently';
