-- Coverage analysis: operators' own coverage polygons, one per operator × technology. When an
-- operator has uploaded one, it replaces the radius model for that operator and technology.
CREATE TABLE coverage_polygons (
  id              uuid PRIMARY KEY,
  operator_org_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  technology      text NOT NULL CHECK (technology IN ('2G', '3G', '4G', '5G-sub6', '5G-mmWave')),
  source          text CHECK (length(source) <= 500),
  geom            geometry(MultiPolygon, 4326) NOT NULL,
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  uploaded_by     text,
  UNIQUE (operator_org_id, technology)
);
CREATE INDEX coverage_polygons_geom_gist ON coverage_polygons USING gist (geom);
