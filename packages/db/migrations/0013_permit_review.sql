-- Permit review (issue #9): decisions as numbered documents, the asset an approval creates,
-- comments on applications, and the admin-editable, versioned configuration of the checks.

-- The decision's number: sequential per calendar year (Vietnam time) across every decision of
-- the department, e.g. 0012/GPXD-SXD (a permit) or 0013/TB-SXD (a notice of refusal or exemption).
ALTER TABLE permit_applications
  ADD COLUMN decision_number text UNIQUE,
  ADD COLUMN decision_year integer,
  ADD COLUMN decision_seq integer CHECK (decision_seq >= 1),
  -- The asset an approval created (status under_construction): its resource and id; a pole line
  -- creates one pole per vertex: asset_id is the first, asset_ids all of them in order.
  ADD COLUMN asset_resource text CHECK (asset_resource IN ('towers', 'ducts', 'poles')),
  ADD COLUMN asset_id uuid,
  ADD COLUMN asset_ids uuid[] NOT NULL DEFAULT '{}',
  -- The version of permit_check_config the stored checks ran with (0 = the built-in defaults).
  ADD COLUMN check_config_version integer,
  ADD CONSTRAINT permit_applications_decision_seq_unique UNIQUE (decision_year, decision_seq);

CREATE TABLE permit_decision_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL CHECK (last >= 1)
);

CREATE TABLE permit_comments (
  id              uuid PRIMARY KEY,
  application_id  uuid NOT NULL REFERENCES permit_applications (id) ON DELETE CASCADE,
  author_user_id  uuid REFERENCES users (id),
  author_name     text,
  author_org_id   uuid REFERENCES organisations (id),
  text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX permit_comments_application_idx ON permit_comments (application_id, created_at);

-- One row per version of the checks' parameters (the zod schema permitCheckConfig validates
-- `params`); the current configuration is the highest version, none = the built-in defaults.
CREATE TABLE permit_check_config (
  version     integer PRIMARY KEY CHECK (version >= 1),
  -- The row's id in the audit log (audit_log.record_id is a uuid).
  id          uuid NOT NULL UNIQUE,
  params      jsonb NOT NULL,
  note        text CHECK (length(note) <= 1000),
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
