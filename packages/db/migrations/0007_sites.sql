-- Site offers by communes and the key sites register (Plan 317/KH-UBND).
-- Communes arrange space and sites for telecom equipment: they publish public land plots and
-- building roofs they offer for towers or street cabinets. Key sites (seaports, industrial parks,
-- schools, hospitals, commune centres, village cultural houses…) are what the 2030 broadband,
-- 5G and free-WiFi targets are counted on. Runs unchanged on PGlite and PostgreSQL 15 + PostGIS.

CREATE TABLE site_offers (
  id                  uuid PRIMARY KEY,
  offering_org_id     uuid NOT NULL REFERENCES organisations (id),
  -- The commune the offer lies in (derived from the geometry when the client gives none).
  admin_unit_code     text REFERENCES admin_units (code) ON UPDATE CASCADE,
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  offer_kind          text NOT NULL CHECK (offer_kind IN ('land_plot', 'building_roof')),
  purpose             text NOT NULL CHECK (purpose IN ('tower', 'cabinet', 'both')),
  area_m2             double precision NOT NULL CHECK (area_m2 > 0 AND area_m2 <= 1000000),
  max_structure_height_m double precision CHECK (max_structure_height_m > 0 AND max_structure_height_m <= 200),
  building_height_m   double precision CHECK (building_height_m > 0 AND building_height_m <= 300),
  conditions          text CHECK (length(conditions) <= 4000),
  contact_name        text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 120),
  contact_phone       text CHECK (length(contact_phone) <= 40),
  contact_email       text CHECK (length(contact_email) <= 254),
  available_from      date,
  available_until     date,
  status              text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn', 'taken')),
  geom                geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'POLYGON')),
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid,
  updated_by          uuid,
  CHECK (available_until IS NULL OR available_from IS NULL OR available_until >= available_from),
  -- A roof offer says how tall the building is (a rooftop mast's antenna height starts there).
  CHECK (offer_kind <> 'building_roof' OR building_height_m IS NOT NULL)
);
CREATE INDEX site_offers_geom_gist ON site_offers USING gist (geom);
CREATE INDEX site_offers_status_idx ON site_offers (status);
CREATE INDEX site_offers_org_idx ON site_offers (offering_org_id);

CREATE TABLE key_sites (
  id              uuid PRIMARY KEY,
  category        text NOT NULL CHECK (category IN ('seaport', 'industrial_park', 'industrial_cluster',
                    'it_park', 'research_centre', 'school', 'hospital', 'state_agency',
                    'commercial_area', 'tourist_site', 'commune_centre', 'cultural_house')),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  admin_unit_code text REFERENCES admin_units (code) ON UPDATE CASCADE,
  -- Where the record comes from (a public register, a survey, "demo (synthetic)").
  source          text CHECK (length(source) <= 500),
  geom            geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'POLYGON')),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid,
  updated_by      uuid
);
CREATE INDEX key_sites_geom_gist ON key_sites USING gist (geom);
CREATE INDEX key_sites_category_idx ON key_sites (category);
CREATE INDEX key_sites_unit_idx ON key_sites (admin_unit_code);
