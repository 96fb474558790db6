-- Co-location requests (issue #10): an operator asks another organisation for space on its
-- tower, pole or duct path; the owner answers within a deadline; acceptance creates the tenancy
-- or occupancy. Plus in-app notifications. Heights and lengths in metres, money in VND.

CREATE TABLE colocation_requests (
  id                  uuid PRIMARY KEY,
  status              text NOT NULL CHECK (status IN ('submitted', 'info_requested', 'accepted',
                        'accepted_with_conditions', 'rejected', 'withdrawn')),
  requester_org_id    uuid NOT NULL REFERENCES organisations (id),
  owner_org_id        uuid NOT NULL REFERENCES organisations (id),
  asset_kind          text NOT NULL CHECK (asset_kind IN ('tower', 'pole', 'duct')),
  -- The target assets (one tower or pole; the duct segments of the path in order) and their codes.
  asset_ids           uuid[] NOT NULL CHECK (cardinality(asset_ids) BETWEEN 1 AND 200),
  asset_codes         text[] NOT NULL,
  -- The target as requested, with its quantities (contracts: colocationTarget).
  target              jsonb NOT NULL,
  -- Where the target is: the tower or pole, or the middle of the first duct segment.
  geom                geometry(Point, 4326),
  justification       text NOT NULL CHECK (length(justification) BETWEEN 1 AND 4000),
  desired_start_date  date NOT NULL,
  source              text NOT NULL CHECK (source IN ('map', 'coverage_gap', 'route_planner')),
  capacity_check      jsonb NOT NULL,
  submitted_at        timestamptz NOT NULL,
  -- The owner's answer is due by the end of this day (working days, Vietnamese calendar dates).
  due_on              date NOT NULL,
  deadline_notified   boolean NOT NULL DEFAULT false,
  info_request        text,
  answered_at         timestamptz,
  answered_by         uuid REFERENCES users (id),
  answer_note         text,
  conditions          jsonb NOT NULL DEFAULT '[]'::jsonb,
  reject_reason       text CHECK (reject_reason IN ('no_capacity', 'structural_limit', 'reserved_for_own_use',
                        'technical_interference', 'incomplete_information', 'commercial_terms',
                        'asset_to_be_removed', 'other')),
  rent_vnd_per_year   bigint CHECK (rent_vnd_per_year >= 0),
  tenancy_id          uuid,
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by          uuid REFERENCES users (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (requester_org_id <> owner_org_id)
);
CREATE INDEX colocation_requests_owner_idx ON colocation_requests (owner_org_id, status);
CREATE INDEX colocation_requests_requester_idx ON colocation_requests (requester_org_id, status);

-- What an accepted request occupies: antennas on a tower, attachments on a pole, tubes in each
-- duct segment. The counters on the assets are the truth; these rows say who holds what.
CREATE TABLE colocation_occupancies (
  id               uuid PRIMARY KEY,
  request_id       uuid NOT NULL REFERENCES colocation_requests (id),
  asset_kind       text NOT NULL CHECK (asset_kind IN ('tower', 'pole', 'duct')),
  asset_id         uuid NOT NULL,
  owner_org_id     uuid NOT NULL REFERENCES organisations (id),
  operator_org_id  uuid NOT NULL REFERENCES organisations (id),
  -- Antennas (tower), attachments (pole) or tubes (duct).
  units            integer NOT NULL CHECK (units >= 1),
  tenancy_id       uuid REFERENCES tenancies (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX colocation_occupancies_asset_idx ON colocation_occupancies (asset_kind, asset_id);
CREATE INDEX colocation_occupancies_request_idx ON colocation_occupancies (request_id);

CREATE TABLE colocation_messages (
  id             uuid PRIMARY KEY,
  request_id     uuid NOT NULL REFERENCES colocation_requests (id),
  author_id      uuid REFERENCES users (id),
  author_org_id  uuid REFERENCES organisations (id),
  text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX colocation_messages_request_idx ON colocation_messages (request_id, created_at);

-- In-app notifications (the bell): one row per user.
CREATE TABLE notifications (
  id            uuid PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('colocation_new', 'colocation_answer', 'colocation_update',
                  'colocation_deadline')),
  subject_kind  text NOT NULL CHECK (subject_kind IN ('colocation_request')),
  subject_id    uuid NOT NULL,
  title         jsonb NOT NULL,
  read_at       timestamptz,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
-- A deadline notice once per request and user.
CREATE UNIQUE INDEX notifications_deadline_once ON notifications (user_id, subject_id)
  WHERE kind = 'colocation_deadline';
