-- v2: new states 'failed' and 'scheduled' (scheduled put first, and both used at once by a
-- new partial index and the fetch function), priorities, a delay argument on enqueue (a changed
-- signature), NOTIFY on insert, a dead-letter table made with LIKE.
CREATE TYPE job_state AS ENUM ('scheduled', 'queued', 'running', 'done', 'failed');
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  queue text NOT NULL DEFAULT 'default',
  payload jsonb NOT NULL DEFAULT '{}',
  state job_state NOT NULL DEFAULT 'queued',
  priority smallint NOT NULL DEFAULT 100,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 25,
  locked_by text,
  locked_at timestamptz,
  last_error text
);
CREATE INDEX jobs_fetch_idx ON jobs (queue, priority, run_at) WHERE state = 'queued';
CREATE INDEX jobs_failed_idx ON jobs (run_at) WHERE state = 'failed';
CREATE INDEX jobs_locked_idx ON jobs (locked_at) WHERE state = 'running';
CREATE TABLE dead_jobs (LIKE jobs INCLUDING DEFAULTS, died_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE dead_jobs ADD PRIMARY KEY (id);
CREATE FUNCTION enqueue(p_queue text, p_payload jsonb, p_delay interval DEFAULT '0 seconds', p_priority smallint DEFAULT 100)
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO public.jobs (queue, payload, run_at, priority, state)
  VALUES (p_queue, p_payload, now() + p_delay, p_priority,
          CASE WHEN p_delay > '0 seconds' THEN 'scheduled' ELSE 'queued' END::job_state) RETURNING id
$$;
CREATE FUNCTION fetch_job(p_queue text, p_worker text) RETURNS SETOF jobs LANGUAGE sql AS $$
  UPDATE public.jobs SET state = 'running', locked_by = p_worker, locked_at = now(), attempts = attempts + 1
  WHERE id = (
    SELECT id FROM public.jobs
    WHERE queue = p_queue AND state = 'queued' AND run_at <= now()
    ORDER BY priority, run_at
    FOR UPDATE SKIP LOCKED
    LIMIT 1)
  RETURNING *
$$;
CREATE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jobs_' || NEW.queue, NEW.id::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER jobs_notify AFTER INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION jobs_notify();
