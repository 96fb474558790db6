-- Imports: an uploaded file is parsed into staging rows (one per feature, attributes as in the
-- file, geometry already reprojected to WGS 84), validated against the resource's contract with
-- the user's field mapping, and only then committed to the asset table in one transaction.
-- Staging keeps 100k-row files out of memory and lets the report be recomputed after a remap.

CREATE TABLE import_jobs (
  id              uuid PRIMARY KEY,
  resource        text NOT NULL,
  format          text NOT NULL CHECK (format IN ('geojson', 'csv', 'shapefile', 'kml', 'kmz', 'gpkg')),
  file_name       text CHECK (length(file_name) <= 500),
  status          text NOT NULL CHECK (status IN ('parsing', 'ready', 'failed', 'committed')),
  -- The CRS the user chose (form field), and the one found in the file (.prj, GeoPackage srs).
  requested_crs   text,
  detected_crs    text,
  -- Source fields in file order, and the mapping contract property → source field or constant.
  fields          jsonb NOT NULL DEFAULT '[]',
  mapping         jsonb NOT NULL DEFAULT '{}',
  duplicates      text NOT NULL DEFAULT 'skip' CHECK (duplicates IN ('update', 'skip')),
  valid_rows_only boolean NOT NULL DEFAULT false,
  bytes_total     bigint NOT NULL DEFAULT 0,
  bytes_read      bigint NOT NULL DEFAULT 0,
  rows_parsed     integer NOT NULL DEFAULT 0,
  rows_invalid    integer NOT NULL DEFAULT 0,
  -- A file-level problem (damaged zip, missing .prj, broken CSV quote): { code, message }.
  error           jsonb,
  -- After commit: { created, updated, skipped }.
  result          jsonb,
  created_by      uuid,
  created_by_org  uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  committed_at    timestamptz
);
CREATE INDEX import_jobs_created_by_idx ON import_jobs (created_by, created_at);

CREATE TABLE import_rows (
  import_id   uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  -- 1-based, in file order (the number the report and the user's spreadsheet share).
  row_no      integer NOT NULL,
  source      jsonb NOT NULL,
  -- GeoJSON geometry in WGS 84 [lng, lat]; null when the row had none or it could not be read.
  geometry    jsonb,
  geometry_error text,
  PRIMARY KEY (import_id, row_no)
);

-- The validation report: every problem of every row, recomputed after each mapping change.
CREATE TABLE import_issues (
  import_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  row_no    integer NOT NULL,
  field     text NOT NULL,
  message   text NOT NULL
);
CREATE INDEX import_issues_import_idx ON import_issues (import_id, row_no);
