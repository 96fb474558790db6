-- Fibre to the home (issue #17, item 2; plan 317 II.2: "100% người sử dụng có khả năng truy nhập
-- cáp quang với tốc độ 1Gbps trở lên"). Operators report, per commune and "as of" date, the homes
-- their FTTH network passes, the homes where 1 Gbps or more is available and, optionally, their
-- active FTTH subscriptions. A passive register holds no homes: these figures are the operators'
-- own, read by the operator that wrote them and by the city's staff only. An upload for the same
-- operator, commune and date replaces the figures (a correction) and bumps `version`.
CREATE TABLE ftth_reports (
  id               uuid PRIMARY KEY,
  org_id           uuid NOT NULL REFERENCES organisations (id),
  admin_unit_code  text NOT NULL REFERENCES admin_units (code),
  as_of            date NOT NULL,
  -- Homes (households' dwellings) the operator's FTTH network passes: a drop away from service.
  homes_passed     integer NOT NULL CHECK (homes_passed BETWEEN 0 AND 2000000),
  -- Of those, homes where a 1 Gbps (or faster) service is available.
  homes_1gbps      integer NOT NULL CHECK (homes_1gbps >= 0),
  subscriptions    integer CHECK (subscriptions >= 0),
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (homes_1gbps <= homes_passed),
  CHECK (subscriptions IS NULL OR subscriptions <= homes_passed),
  UNIQUE (org_id, admin_unit_code, as_of)
);
CREATE INDEX ftth_reports_unit ON ftth_reports (admin_unit_code, org_id, as_of DESC);
