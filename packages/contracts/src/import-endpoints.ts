/**
 * Imports (/api/v1/imports) and layer exports (/api/v1/exports). Uploads are multipart: the
 * handler reads the body itself, after access is checked, in the parse pool with its limits.
 * Exports answer files; their `format`, `crs` and the layer's own filters are checked by the
 * handler (every problem at once), so the query is declared open.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { duplicateReport, importChange, importView, populationImportResult } from './imports.js';

const notFound = { description: 'Not found (or not your import)' };
const byId = z.object({ id: z.guid() });
const uploadRefused = {
  400: { description: 'A missing or unreadable file, or a bad form field (every problem at once)' },
  413: { description: 'The file is larger than the upload limit' },
  503: { description: 'Every parse worker is busy (Retry-After)' },
};

export const importEndpoints = {
  startImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports',
    tag: 'imports',
    summary: 'Upload a file to import into an asset layer; it is parsed in the background (poll the job)',
    upload: {
      contentType: 'multipart/form-data',
      description:
        'Part `file`: the file (GeoJSON, CSV, zipped Shapefile, KML/KMZ, GeoPackage, Excel .xlsx, DXF); `resource`: the target layer; optional `crs` (a DXF defaults to EPSG:9210); CSV and .xlsx: `xField` and `yField` (degrees when `crs` is EPSG:4326 or absent: decimal or 20°51\'30.2"N; else VN-2000 X/Y metres); .xlsx: `sheet` (default: the first with data); DXF: `layers`, a JSON array of layer names (default: the layers whose geometry fits the target)',
    },
    responses: {
      202: { description: 'The import job, parsing (Location: its URL)', schema: importView },
      ...uploadRefused,
    },
  }),
  importPopulation: endpoint({
    method: 'POST',
    path: '/api/v1/imports/population',
    tag: 'imports',
    summary: 'Replace the population grid with a GeoTIFF (people per pixel), in one transaction',
    upload: { contentType: 'multipart/form-data', description: 'Part `file`: the GeoTIFF' },
    responses: {
      200: { description: 'The grid as stored', schema: populationImportResult },
      ...uploadRefused,
      422: { description: 'The raster is over a limit (cells, pixels)' },
    },
  }),
  getImport: endpoint({
    method: 'GET',
    path: '/api/v1/imports/:id',
    tag: 'imports',
    summary: 'An import: progress, mapping, the first problems and a preview of the first rows',
    params: byId,
    responses: { 200: { description: 'The import', schema: importView }, 404: notFound },
  }),
  changeImport: endpoint({
    method: 'PATCH',
    path: '/api/v1/imports/:id',
    tag: 'imports',
    summary: 'Change a ready import: its field mapping (every row re-checked), duplicates, validRowsOnly',
    params: byId,
    body: importChange,
    responses: {
      200: { description: 'The import with its new report', schema: importView },
      404: notFound,
      409: { description: 'The import is not ready' },
    },
  }),
  importDuplicates: endpoint({
    method: 'GET',
    path: '/api/v1/imports/:id/duplicates',
    tag: 'imports',
    summary: 'Valid rows that match existing assets (same code or place), as the commit will see them',
    params: byId,
    responses: {
      200: { description: 'The duplicates', schema: duplicateReport },
      404: notFound,
      409: { description: 'The import is not ready' },
    },
  }),
  importReport: endpoint({
    method: 'GET',
    path: '/api/v1/imports/:id/report.csv',
    tag: 'imports',
    summary: "Every problem of an import's rows as CSV (row, field, message)",
    params: byId,
    responses: {
      200: { description: 'The report (UTF-8 with BOM)', contentType: 'text/csv; charset=utf-8' },
      404: notFound,
    },
  }),
  commitImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports/:id/commit',
    tag: 'imports',
    summary: "Write an import's rows into its layer, in one transaction",
    params: byId,
    responses: {
      200: { description: 'The committed import (its `result`)', schema: importView },
      404: notFound,
      400: { description: 'Rows are invalid and validRowsOnly is off: nothing was written' },
      409: { description: 'The import is not ready' },
    },
  }),
};

export const exportEndpoints = {
  exportLayer: endpoint({
    method: 'GET',
    path: '/api/v1/exports/:resource',
    tag: 'exports',
    summary:
      "An asset layer as a file, each feature redacted to the caller's tier; the layer's list filters apply",
    params: z.object({ resource: z.string() }),
    query: z.looseObject({
      format: z.string().optional().describe('geojson (default), csv, kml, shapefile or gpkg'),
      crs: z
        .string()
        .optional()
        .describe('EPSG:4326 (default), EPSG:9210 or EPSG:9209; KML is always EPSG:4326'),
      bbox: z.string().optional().describe('minLng,minLat,maxLng,maxLat'),
    }),
    responses: {
      200: {
        description: 'The file (Content-Disposition: attachment)',
        contentType: 'application/octet-stream',
      },
      400: { description: 'A bad format, CRS or filter (every problem at once)' },
      404: { description: 'No such layer' },
    },
  }),
  exportOfds: endpoint({
    method: 'GET',
    path: '/api/v1/exports/ofds/:part',
    tag: 'exports',
    summary: 'The fiber network as Open Fibre Data Standard GeoJSON: `nodes` or `spans`',
    params: z.object({ part: z.string() }),
    query: z.looseObject({ bbox: z.string().optional().describe('minLng,minLat,maxLng,maxLat') }),
    responses: {
      200: { description: 'OFDS GeoJSON (attachment)', contentType: 'application/geo+json' },
      400: { description: 'A bad bbox' },
      404: { description: 'No such part' },
    },
  }),
};
