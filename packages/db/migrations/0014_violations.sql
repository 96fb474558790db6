-- Violations found by commune inspections (issue #9): an unpermitted tower, a tower that differs
-- from its permit, a dangerous or tangled overhead cable, an open or damaged manhole. Geometry
-- WGS 84 (a point, or a line for a cable span). Photos live in `attachments` (subject 'violation').
--
-- Status machine (enforced by the API; the CHECK only lists the states):
--   reported  → notified   (the responsible organisation was told)
--   reported  → escalated  (no known owner to notify, or too dangerous to wait)
--   notified  → resolved | escalated
--   escalated → resolved
--   resolved is final.
CREATE TABLE violations (
  id                  uuid PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('unpermitted_tower', 'tower_differs_from_permit',
                        'dangerous_overhead_cable', 'tangled_overhead_cable', 'open_or_damaged_manhole', 'other')),
  status              text NOT NULL DEFAULT 'reported'
                        CHECK (status IN ('reported', 'notified', 'resolved', 'escalated')),
  description         text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  geom                geometry(Geometry, 4326) NOT NULL
                        CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING')),
  -- The commune the violation lies in (its first point); set by the trigger below on every write.
  admin_unit_code     text REFERENCES admin_units (code) ON UPDATE CASCADE,
  -- The asset it concerns, when known: an asset resource path ('towers', 'cable-routes', …) and id.
  asset_resource      text CHECK (asset_resource IN ('towers', 'poles', 'manholes', 'ducts',
                        'trenches-tunnels', 'cable-routes', 'wifi-points')),
  asset_id            uuid,
  permit_application_id uuid REFERENCES permit_applications (id) ON DELETE SET NULL,
  -- Who must put it right: the linked asset's owner (null while unknown).
  responsible_org_id  uuid REFERENCES organisations (id),
  -- The note of the last transition (what was said when notifying, resolving or escalating).
  status_note         text CHECK (length(status_note) <= 4000),
  reported_by         uuid REFERENCES users (id),
  reported_org_id     uuid REFERENCES organisations (id),
  notified_at         timestamptz,
  resolved_at         timestamptz,
  escalated_at        timestamptz,
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((asset_resource IS NULL) = (asset_id IS NULL))
);
CREATE INDEX violations_geom_idx ON violations USING gist (geom);
CREATE INDEX violations_unit_idx ON violations (admin_unit_code, status);
CREATE INDEX violations_responsible_idx ON violations (responsible_org_id, status);
CREATE INDEX violations_asset_idx ON violations (asset_resource, asset_id);

CREATE FUNCTION violations_admin_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.admin_unit_code := (
    SELECT u.code FROM admin_units u
    WHERE ST_Intersects(u.geom, CASE WHEN GeometryType(NEW.geom) = 'POINT' THEN NEW.geom ELSE ST_StartPoint(NEW.geom) END)
    ORDER BY u.code LIMIT 1);
  RETURN NEW;
END
$$;
CREATE TRIGGER violations_admin_unit BEFORE INSERT OR UPDATE ON violations
  FOR EACH ROW EXECUTE FUNCTION violations_admin_unit();
