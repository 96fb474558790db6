-- The passive telecom infrastructure plan (Plan 317/KH-UBND: to 2030, vision 2040) as versions.
-- A plan has versions: `baseline` (a snapshot of the register), `draft` scenarios (forkable),
-- `approved` (at most one per plan; what permit checks compare against) and `superseded`.
-- Only drafts change; the API refuses item and zone writes to any other kind (409 VERSION_LOCKED).
-- Runs unchanged on PGlite and PostgreSQL 15 + PostGIS; gen_random_uuid() is core since PG 13.

CREATE TABLE plans (
  id           uuid PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  horizon_year integer NOT NULL CHECK (horizon_year BETWEEN 2025 AND 2100),
  vision_year  integer NOT NULL CHECK (vision_year BETWEEN 2025 AND 2100),
  description  text CHECK (length(description) <= 4000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid,
  CHECK (vision_year >= horizon_year)
);

CREATE TABLE plan_versions (
  id                uuid PRIMARY KEY,
  plan_id           uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('baseline', 'draft', 'approved', 'superseded')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  notes             text CHECK (length(notes) <= 4000),
  -- The version this one was forked from (a draft's baseline or an earlier draft).
  parent_version_id uuid REFERENCES plan_versions (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid,
  approved_at       timestamptz,
  approved_by       uuid,
  superseded_at     timestamptz,
  -- Optimistic concurrency: bumped by every change to the version or its items and zones, so an
  -- approval (If-Match) approves exactly the content the approver looked at.
  version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('approved', 'superseded')) = (approved_at IS NOT NULL))
);
CREATE INDEX plan_versions_plan_idx ON plan_versions (plan_id);
-- The last line of defence behind the approval transaction: one approved version per plan.
CREATE UNIQUE INDEX plan_versions_one_approved ON plan_versions (plan_id) WHERE kind = 'approved';

CREATE TABLE plan_items (
  id                 uuid PRIMARY KEY,
  plan_version_id    uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
  -- The stable key of an item across versions: forks keep it, so compare can pair items up.
  -- New items: their own id; baseline items: the register record they were copied from.
  origin_id          uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('tower_site', 'tower_area', 'pole_line_build',
                       'pole_line_remove', 'duct_route', 'trench', 'tunnel', 'undergrounding',
                       'landing_station', 'submarine_corridor', 'data_centre', 'wifi_point')),
  name               text CHECK (length(name) BETWEEN 1 AND 200),
  phase              text CHECK (phase IN ('2026-2027', '2028-2030', '2031-2040')),
  status             text NOT NULL CHECK (status IN ('existing', 'planned', 'under_construction', 'completed', 'cancelled')),
  responsible_org_id uuid REFERENCES organisations (id),
  notes              text CHECK (length(notes) <= 4000),
  -- Kind-specific attributes (tower class and max height, protection width, …), validated by the
  -- contract per kind.
  attributes         jsonb NOT NULL DEFAULT '{}',
  -- Where a baseline item came from in the register (table name and id).
  source_table       text,
  source_id          uuid,
  -- Results of the automatic checks at the last write: [{check, severity, message, geometry?}].
  check_results      jsonb NOT NULL DEFAULT '[]',
  geom               geometry(Geometry, 4326) NOT NULL,
  version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid,
  updated_by         uuid,
  UNIQUE (plan_version_id, origin_id),
  CHECK (GeometryType(geom) = CASE
    WHEN kind IN ('tower_site', 'landing_station', 'data_centre', 'wifi_point') THEN 'POINT'
    WHEN kind = 'tower_area' THEN 'POLYGON'
    ELSE 'LINESTRING' END)
);
CREATE INDEX plan_items_version_idx ON plan_items (plan_version_id, kind);
CREATE INDEX plan_items_geom_gist ON plan_items USING gist (geom);

-- Zones: plan_version_id NULL = global (set by other authorities — anchorages, shipping channels,
-- airport height limits, heritage — and applying to every version); otherwise proposed by that
-- version, copied on fork and frozen with it.
CREATE TABLE plan_zones (
  id              uuid PRIMARY KEY,
  plan_version_id uuid REFERENCES plan_versions (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('restricted', 'camouflage_required', 'underground_only',
                    'height_limited', 'heritage', 'anchorage', 'shipping_channel', 'aquaculture',
                    'protected_area')),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  rules           jsonb NOT NULL DEFAULT '{}',
  notes           text CHECK (length(notes) <= 4000),
  geom            geometry(Polygon, 4326) NOT NULL,
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid,
  updated_by      uuid
);
CREATE INDEX plan_zones_version_idx ON plan_zones (plan_version_id);
CREATE INDEX plan_zones_geom_gist ON plan_zones USING gist (geom);
