-- Registers plan 317 asks the city to manage (issue #17 item 2), each a first-class asset kind:
-- data centres (the "2–3 new green data centres" target), devices on shared poles and street
-- furniture (surveillance cameras to main streets, IoT sensors, small cells, streetlight
-- controllers), and telecom systems inside apartment and public buildings (section V.1: cabling
-- and indoor mobile systems in apartment buildings and public works).

CREATE TABLE data_centres (
  id                   uuid PRIMARY KEY,
  code                 text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  owner_org_id         uuid NOT NULL REFERENCES organisations (id),
  status               text NOT NULL CHECK (status IN ('existing', 'planned', 'under_construction', 'decommissioned')),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Uptime Institute / TIA-942 rating level as the operator declares it (NULL: not rated).
  tier                 text CHECK (tier IN ('I', 'II', 'III', 'IV')),
  -- A green-building or energy-management certificate; 'none' when it has none.
  green_certification  text NOT NULL CHECK (green_certification IN ('none', 'leed', 'lotus', 'edge', 'iso_50001', 'other')),
  -- Design IT power, megawatts.
  power_mw             double precision NOT NULL CHECK (power_mw > 0 AND power_mw <= 1000),
  -- Power usage effectiveness (total facility power / IT power), as reported; NULL when unknown.
  pue                  double precision CHECK (pue >= 1 AND pue <= 5),
  geom                 geometry(Point, 4326) NOT NULL,
  version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  created_by           text,
  updated_by           text,
  UNIQUE (owner_org_id, code)
);
CREATE INDEX data_centres_geom_gist ON data_centres USING gist (geom);

CREATE TABLE street_devices (
  id              uuid PRIMARY KEY,
  code            text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  owner_org_id    uuid NOT NULL REFERENCES organisations (id),
  status          text NOT NULL CHECK (status IN ('existing', 'planned', 'under_construction', 'decommissioned')),
  device_type     text NOT NULL CHECK (device_type IN ('surveillance_camera', 'iot_sensor', 'small_cell', 'streetlight_controller')),
  -- The shared pole the device hangs on; NULL for a standalone device (on a wall, a kiosk, its own post).
  pole_id         uuid REFERENCES poles (id) ON DELETE SET NULL,
  -- Mounting height above ground, metres.
  mount_height_m  double precision CHECK (mount_height_m >= 0 AND mount_height_m <= 60),
  -- How far a camera sees usefully along the street, metres (cameras only).
  view_range_m    double precision CHECK (view_range_m > 0 AND view_range_m <= 1000),
  geom            geometry(Point, 4326) NOT NULL,
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text,
  updated_by      text,
  UNIQUE (owner_org_id, code),
  CHECK ((device_type = 'surveillance_camera') = (view_range_m IS NOT NULL))
);
CREATE INDEX street_devices_geom_gist ON street_devices USING gist (geom);
CREATE INDEX street_devices_pole_idx ON street_devices (pole_id);

CREATE TABLE in_building_systems (
  id                 uuid PRIMARY KEY,
  code               text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  owner_org_id       uuid NOT NULL REFERENCES organisations (id),
  status             text NOT NULL CHECK (status IN ('existing', 'planned', 'under_construction', 'decommissioned')),
  building_name      text NOT NULL CHECK (length(building_name) BETWEEN 1 AND 200),
  building_type      text NOT NULL CHECK (building_type IN ('apartment', 'office', 'commercial', 'hotel', 'hospital', 'school', 'public_building', 'other')),
  floors             integer NOT NULL CHECK (floors BETWEEN 1 AND 200),
  -- A shared indoor mobile system (DAS / small cells) that several operators can use.
  shared_system      boolean NOT NULL,
  -- A vertical fibre riser with room for every operator.
  fibre_riser        boolean NOT NULL,
  -- Organisations (operators) whose service reaches the building's users through it.
  operators_served   uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(operators_served) <= 20),
  compliance_status  text NOT NULL CHECK (compliance_status IN ('compliant', 'non_compliant', 'not_assessed')),
  geom               geometry(Point, 4326) NOT NULL,
  version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         text,
  updated_by         text,
  UNIQUE (owner_org_id, code)
);
CREATE INDEX in_building_systems_geom_gist ON in_building_systems USING gist (geom);
