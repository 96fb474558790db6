-- Permit applications for telecom works (issue #9): a new tower, a pole line, or duct/trench
-- works, filed by an operator and reviewed by the Construction Department. Geometry WGS 84;
-- heights and distances in metres; EIRP in watts.
CREATE TABLE permit_applications (
  id               uuid PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('tower', 'pole_line', 'duct_works')),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'info_requested',
                     'approved', 'approved_with_conditions', 'rejected', 'exempt', 'withdrawn')),
  applicant_org_id uuid NOT NULL REFERENCES organisations (id),
  -- The commune the works lie in (their first point), for inspectors; derived on every write.
  admin_unit_code  text REFERENCES admin_units (code) ON UPDATE CASCADE,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- Kind-specific facts (tower class, heights in m, EIRP in W, planned dates…), validated by the contracts.
  details          jsonb NOT NULL DEFAULT '{}',
  justification    text CHECK (length(justification) <= 4000),
  site_offer_id    uuid REFERENCES site_offers (id) ON DELETE SET NULL,
  -- The reviewer's last word: what was asked (info_requested) or the reasons / conditions of a decision.
  review_note      text CHECK (length(review_note) <= 4000),
  conditions       jsonb NOT NULL DEFAULT '[]',
  -- The automatic checks' results of the last run, and when they ran.
  checks           jsonb,
  checked_at       timestamptz,
  submitted_at     timestamptz,
  decided_at       timestamptz,
  decided_by       uuid REFERENCES users (id),
  geom             geometry(Geometry, 4326) NOT NULL
                     CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING')),
  version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by       uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX permit_applications_geom_idx ON permit_applications USING gist (geom);
CREATE INDEX permit_applications_org_idx ON permit_applications (applicant_org_id, status);
CREATE INDEX permit_applications_unit_idx ON permit_applications (admin_unit_code, status);
