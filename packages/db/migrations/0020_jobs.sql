-- Heavy jobs (coverage analyses first) as rows: their state, progress, result or error live in
-- the database, not in one process's memory, so any API instance answers a job's progress and a
-- restarted server finds what was done. A job belongs to the user who started it; only they read it.
CREATE TABLE jobs (
  id             uuid PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('coverage')),
  owner_user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The request as run (after access rules), and its key with the data version it was run on:
  -- the same key finds a finished result to reuse.
  request        jsonb NOT NULL,
  request_key    text NOT NULL,
  status         text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  -- 0..1, and what it is doing now, for people.
  progress       real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  step           text NOT NULL DEFAULT 'queued',
  result         jsonb,
  error          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  -- Written by the instance running the job every few seconds: a queued or running job whose
  -- heartbeat stopped belonged to a server that went away, and is reported failed.
  heartbeat_at   timestamptz NOT NULL DEFAULT now(),
  -- Written each time its owner asks for it: a job nobody has asked about for minutes is
  -- abandoned (the browser was closed) and is not started.
  polled_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX jobs_owner_active ON jobs (owner_user_id) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_active ON jobs (kind) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_request ON jobs (kind, request_key, created_at DESC);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
