-- Accounts: users, browser sessions, API keys for machine clients, and the login throttle.
-- Runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15; ids come from the application.
-- Secrets are never stored: sessions and API keys keep only the SHA-256 of their token, and
-- passwords only a self-describing scrypt hash (`scrypt$N$r$p$salt$hash`).

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  email          text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  org_id         uuid NOT NULL REFERENCES organisations (id),
  roles          text[] NOT NULL CHECK (cardinality(roles) >= 1
                   AND roles <@ ARRAY['admin', 'planner', 'operator_editor', 'operator_viewer',
                                      'reviewer', 'inspector', 'viewer']::text[]),
  password_hash  text NOT NULL,
  is_disabled    boolean NOT NULL DEFAULT false,
  failed_logins  integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  id            uuid PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  prefix        text NOT NULL,
  key_hash      text NOT NULL UNIQUE,
  scopes        text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read', 'write']::text[]),
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

-- Failed logins per account ('email:x@y') and per client ('ip:1.2.3.4'), kept in the database
-- so that the API stays stateless and every instance sees the same counters.
CREATE TABLE login_throttle (
  key                text PRIMARY KEY,
  failures           integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  window_started_at  timestamptz NOT NULL,
  locked_until       timestamptz
);
