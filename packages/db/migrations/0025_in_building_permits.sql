-- In-building telecom works (issue #17 item 2): plan 317 section V.1 asks the city to regulate
-- telecom cabling and indoor mobile systems in apartment buildings and public works. A fourth kind
-- of permit application, `in_building`, whose geometry is the building (a point) and whose facts
-- (building, floors, works, shared or not, operators served, the in-building system record it
-- concerns as a plain uuid without a foreign key) live in `details` like the other kinds'.
ALTER TABLE permit_applications DROP CONSTRAINT permit_applications_kind_check;
ALTER TABLE permit_applications
  ADD CONSTRAINT permit_applications_kind_check
  CHECK (kind IN ('tower', 'pole_line', 'duct_works', 'in_building'));
-- An in-building application is at one building: a point.
ALTER TABLE permit_applications
  ADD CONSTRAINT permit_applications_in_building_point_check
  CHECK (kind <> 'in_building' OR GeometryType(geom) = 'POINT');
