-- Key-site categories Plan 317 names for 5G and broadband beyond the first twelve (issue #17
-- item 3): transport hubs (airport, seaport passenger terminal, railway or bus station, ferry
-- terminal), road and rail corridors, hotels, heritage sites (historical-cultural relics, scenic
-- spots) and colleges and universities. Corridors are lines ("dọc tuyến đường bộ, đường sắt");
-- every other category stays a Point or a Polygon, and a corridor must be a line.
-- legal: plan-317-2025-kh-ubnd (section III.1, read in the OCR text). Runs on PGlite and PostgreSQL 15 + PostGIS.

ALTER TABLE key_sites DROP CONSTRAINT key_sites_category_check;
ALTER TABLE key_sites ADD CONSTRAINT key_sites_category_check CHECK (category IN ('seaport',
  'industrial_park', 'industrial_cluster', 'it_park', 'research_centre', 'school', 'hospital',
  'state_agency', 'commercial_area', 'tourist_site', 'commune_centre', 'cultural_house',
  'transport_hub', 'road_corridor', 'rail_corridor', 'hotel', 'heritage_site', 'college_university'));

ALTER TABLE key_sites DROP CONSTRAINT key_sites_geom_check;
ALTER TABLE key_sites ADD CONSTRAINT key_sites_geom_check CHECK (
  CASE WHEN category IN ('road_corridor', 'rail_corridor')
    THEN GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING')
    ELSE GeometryType(geom) IN ('POINT', 'POLYGON')
  END);
