CREATE TABLE sessions (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL,
  started_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ended_at timestamptz,
  CONSTRAINT sessions_order CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX sessions_user_started_idx ON sessions (user_id, started_at DESC);
CREATE VIEW recent_sessions AS SELECT id, user_id, started_at, ended_at - started_at AS duration FROM sessions WHERE started_at > now() - interval '7 days';
