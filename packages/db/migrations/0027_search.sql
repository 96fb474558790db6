-- One search box (issue #18 item 2): asset codes and names, communes, streets, plan items and key
-- sites found by any part of their text, with or without Vietnamese diacritics ("le chan" finds
-- "Lê Chân"). pg_trgm's GIN indexes answer `LIKE '%…%'` without reading every row; unaccent
-- folds the diacritics (đ → d too). Both are in PostgreSQL's contrib (server) and in PGlite's
-- contrib bundle (loaded in pglite-host.mjs and backup.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The text as the search compares it: no diacritics, lower case. unaccent() is only STABLE (its
-- dictionary could change), so an index cannot use it directly; this wrapper names the dictionary
-- and is declared IMMUTABLE, the usual way (the dictionary ships with the extension).
CREATE OR REPLACE FUNCTION search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- Asset codes, every kind.
CREATE INDEX towers_code_search_idx ON towers USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX poles_code_search_idx ON poles USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX manholes_code_search_idx ON manholes USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX ducts_code_search_idx ON ducts USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX trenches_tunnels_code_search_idx ON trenches_tunnels USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX cable_routes_code_search_idx ON cable_routes USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX submarine_cables_code_search_idx ON submarine_cables USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX landing_stations_code_search_idx ON landing_stations USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX wifi_points_code_search_idx ON wifi_points USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX data_centres_code_search_idx ON data_centres USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX street_devices_code_search_idx ON street_devices USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX in_building_systems_code_search_idx ON in_building_systems USING gin (search_text(code) gin_trgm_ops);
CREATE INDEX civil_works_code_search_idx ON civil_works USING gin (search_text(code) gin_trgm_ops);

-- Names: of the asset kinds that have one, communes, streets, plan items, key sites.
CREATE INDEX submarine_cables_name_search_idx ON submarine_cables USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX landing_stations_name_search_idx ON landing_stations USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX wifi_points_name_search_idx ON wifi_points USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX data_centres_name_search_idx ON data_centres USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX in_building_systems_name_search_idx ON in_building_systems USING gin (search_text(building_name) gin_trgm_ops);
CREATE INDEX civil_works_name_search_idx ON civil_works USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX admin_units_name_search_idx ON admin_units USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX streets_name_search_idx ON streets USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX plan_items_name_search_idx ON plan_items USING gin (search_text(name) gin_trgm_ops);
CREATE INDEX key_sites_name_search_idx ON key_sites USING gin (search_text(name) gin_trgm_ops);
