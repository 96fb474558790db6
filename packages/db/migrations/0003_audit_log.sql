-- Audit history: every write to an asset records who, when, the request id, and the feature
-- before and after (GeoJSON Feature as jsonb). Append-only: a trigger refuses UPDATE, DELETE
-- and TRUNCATE, so neither the API nor a slip in a migration can rewrite history.

CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  actor_name    text,
  actor_org_id  uuid,
  via           text CHECK (via IN ('session', 'api_key', 'system')),
  request_id    text NOT NULL,
  resource      text NOT NULL,
  record_id     uuid NOT NULL,
  action        text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
  -- The record's version after the change (for a delete: the version that was deleted).
  version       integer NOT NULL CHECK (version >= 1),
  before        jsonb,
  after         jsonb,
  -- create: no before; delete: no after; update: both; restore: after (before is null when it
  -- brings a deleted record back).
  CHECK (action <> 'create' OR before IS NULL),
  CHECK ((action = 'delete') = (after IS NULL)),
  CHECK (action <> 'update' OR before IS NOT NULL)
);
CREATE INDEX audit_log_record_idx ON audit_log (resource, record_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
