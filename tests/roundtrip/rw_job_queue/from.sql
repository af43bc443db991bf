-- A job queue polled with SELECT ... FOR UPDATE SKIP LOCKED (v1).
CREATE TYPE job_state AS ENUM ('queued', 'running', 'done');
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  queue text NOT NULL DEFAULT 'default',
  payload jsonb NOT NULL DEFAULT '{}',
  state job_state NOT NULL DEFAULT 'queued',
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0
);
CREATE INDEX jobs_fetch_idx ON jobs (queue, run_at) WHERE state = 'queued';
CREATE FUNCTION enqueue(p_queue text, p_payload jsonb) RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO public.jobs (queue, payload) VALUES (p_queue, p_payload) RETURNING id
$$;
