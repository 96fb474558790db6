-- Overhead cable cleanup campaign (issue 8, item 5): stretches of aerial cable that the
-- undergrounding finder proposed and planners put into the city's campaign, with the year they are
-- planned for and how far the work is. The stretch is stored as the finder gave it (WGS 84), with
-- its street and length, so the campaign's kilometres do not move when the network changes later.
CREATE TABLE undergrounding_campaign_segments (
  id              uuid PRIMARY KEY,
  -- SET NULL, not CASCADE: a cable removed from the register after it went underground keeps its
  -- stretch (and the kilometres done) in the campaign.
  cable_route_id  uuid REFERENCES cable_routes (id) ON DELETE SET NULL,
  -- The stretch's vertices rounded to 1e-6° (≈ 0.1 m), so the same stretch is never added twice.
  stretch_key     text NOT NULL CHECK (length(stretch_key) BETWEEN 1 AND 64),
  geom            geometry(LineString, 4326) NOT NULL,
  street_name     text CHECK (length(street_name) <= 200),
  street_class    text CHECK (street_class IN ('primary', 'secondary', 'local')),
  -- The admin unit (xã/phường) holding the stretch's midpoint, for the commune filter.
  unit_code       text,
  length_m        double precision NOT NULL CHECK (length_m > 0),
  planned_year    integer NOT NULL CHECK (planned_year BETWEEN 2026 AND 2040),
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
  note            text CHECK (length(note) <= 2000),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text,
  updated_by      text,
  CONSTRAINT undergrounding_campaign_stretch_unique UNIQUE (cable_route_id, stretch_key)
);
CREATE INDEX undergrounding_campaign_segments_geom_gist ON undergrounding_campaign_segments USING gist (geom);
CREATE INDEX undergrounding_campaign_segments_year ON undergrounding_campaign_segments (planned_year, status);
