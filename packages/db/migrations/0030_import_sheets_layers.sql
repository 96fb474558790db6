-- Excel registers and DXF drawings as import sources (issue #18 item 7): the two formats join the
-- list, and a job keeps the parts of its file the user chooses among: an .xlsx's sheets (name,
-- data rows) or a DXF's layers (name, importable entities, point/line/mixed), each marked
-- whether it was read into the job's rows.

ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_format_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_format_check
  CHECK (format IN ('geojson', 'csv', 'shapefile', 'kml', 'kmz', 'gpkg', 'xlsx', 'dxf'));
ALTER TABLE import_jobs ADD COLUMN parts jsonb NOT NULL DEFAULT '[]';
