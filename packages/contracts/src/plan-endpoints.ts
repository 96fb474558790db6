/**
 * The infrastructure plan's routes: plans, their versions (baseline, fork, rename, approve,
 * compare), items and zones, and a version's export files. Reads are for everyone signed in, but
 * drafts and baselines (and their items and zones) answer 404 to all but city staff. Item and zone
 * bodies (GeoJSON Features whose geometry type and attributes follow the kind, and PATCHes of
 * `geometry` and/or some `properties` merged into the stored record) are read and checked by their
 * handlers, every problem at once, as their summaries say; the OpenAPI document names their
 * schemas (PlanItemFeature, PlanItemPatchRequest, PlanZoneFeature, PlanZonePatchRequest).
 */
import { z } from 'zod';
import { restoreRequest } from './common.js';
import { endpoint } from './endpoint.js';
import { recordHistory } from './history.js';
import {
  planCompareQuery,
  planComparison,
  planCreate,
  planItemCollection,
  planItemFeature,
  planItemListQuery,
  planList,
  planVersion,
  planVersionApproved,
  planVersionCreate,
  planVersionPatch,
  planWithVersions,
  planZoneCollection,
  planZoneFeature,
  planZoneListQuery,
} from './plans.js';

const notFound = { description: 'Not found (or a draft the viewer may not read)' };
const conflict = { description: 'Stale If-Match (the current record in `current`) or a locked version' };
/** Ids as the API has always taken them: any 8-4-4-4-12 hexadecimal id. */
const byId = z.object({ id: z.guid() });

/** The files a version exports; the web app links to exactly these. */
export const PLAN_EXPORT_FILES = [
  'appendix.xlsx',
  'appendix.csv',
  'map.pdf',
  'map.png',
  'export.geojson',
  'export.gpkg',
  'export.dxf',
] as const;
export type PlanExportFileName = (typeof PLAN_EXPORT_FILES)[number];

/** The query of the export routes (checked by the API, which reports problems under `query`). */
export const planExportFileQuery = z.object({
  commune: z.string().optional().meta({ description: 'A 5-digit administrative unit code (mã ĐVHC)' }),
  paper: z.string().optional().meta({ description: 'A4 (default) or A3 (maps)' }),
  crs: z
    .string()
    .optional()
    .meta({ description: 'EPSG:4326 (default) or EPSG:9210 (VN-2000 TM-3 Hải Phòng)' }),
});

const exportEndpoint = <const F extends PlanExportFileName>(file: F, contentType: string, summary: string) =>
  endpoint({
    method: 'GET',
    path: `/api/v1/plan-versions/:id/${file}`,
    tag: 'plan-exports',
    summary,
    params: byId,
    query: planExportFileQuery,
    responses: { 200: { description: `The file (${file})`, contentType }, 404: notFound },
  });

export const planExportEndpoints = {
  appendixXlsx: exportEndpoint(
    'appendix.xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    "The version's appendix tables as a workbook (every commune without `commune`)",
  ),
  appendixCsv: exportEndpoint(
    'appendix.csv',
    'text/csv; charset=utf-8',
    "The version's appendix tables as CSV",
  ),
  mapPdf: exportEndpoint('map.pdf', 'application/pdf', "The version's print map (A4 or A3), a PDF"),
  mapPng: exportEndpoint('map.png', 'image/png', "The version's print map (A4 or A3), a PNG"),
  exportGeoJson: exportEndpoint(
    'export.geojson',
    'application/geo+json',
    "The version's items and zones as GeoJSON (EPSG:4326 or EPSG:9210)",
  ),
  exportGpkg: exportEndpoint(
    'export.gpkg',
    'application/geopackage+sqlite3',
    "The version's items and zones as a GeoPackage (EPSG:4326 or EPSG:9210)",
  ),
  exportDxf: exportEndpoint(
    'export.dxf',
    'image/vnd.dxf',
    "The version's items and zones as a DXF drawing for CAD (always VN-2000 TM-3 Hải Phòng, EPSG:9210, metres; one layer per kind)",
  ),
} as const;

export const planEndpoints = {
  listPlans: endpoint({
    method: 'GET',
    path: '/api/v1/plans',
    tag: 'plans',
    summary: 'The plans, oldest first, each with the versions the viewer may read',
    responses: { 200: { description: 'The plans', schema: planList } },
  }),
  createPlan: endpoint({
    method: 'POST',
    path: '/api/v1/plans',
    tag: 'plans',
    summary: 'Start a plan (no versions yet: take a baseline next)',
    body: planCreate,
    responses: { 201: { description: 'The plan (Location)', schema: planWithVersions } },
  }),
  getPlan: endpoint({
    method: 'GET',
    path: '/api/v1/plans/:id',
    tag: 'plans',
    summary: 'One plan with the versions the viewer may read',
    params: byId,
    responses: { 200: { description: 'The plan', schema: planWithVersions }, 404: notFound },
  }),
  takeBaseline: endpoint({
    method: 'POST',
    path: '/api/v1/plans/:id/baseline',
    tag: 'plan-versions',
    summary: "Snapshot the register's public facts as a new baseline version of the plan",
    params: byId,
    body: planVersionCreate,
    responses: {
      201: { description: 'The baseline (ETag: its version; Location)', schema: planVersion },
      404: notFound,
    },
  }),
  getVersion: endpoint({
    method: 'GET',
    path: '/api/v1/plan-versions/:id',
    tag: 'plan-versions',
    summary: 'One plan version (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The version', schema: planVersion }, 404: notFound },
  }),
  updateVersion: endpoint({
    method: 'PATCH',
    path: '/api/v1/plan-versions/:id',
    tag: 'plan-versions',
    ifMatch: 'required',
    summary: 'Rename a draft or change its notes, under If-Match',
    params: byId,
    body: planVersionPatch,
    responses: {
      200: { description: 'The version (ETag: its version)', schema: planVersion },
      404: notFound,
      409: conflict,
    },
  }),
  deleteVersion: endpoint({
    method: 'DELETE',
    path: '/api/v1/plan-versions/:id',
    tag: 'plan-versions',
    ifMatch: 'optional',
    summary: 'Delete a draft with its items and zones (If-Match optional)',
    params: byId,
    responses: { 204: { description: 'Deleted' }, 404: notFound, 409: conflict },
  }),
  forkVersion: endpoint({
    method: 'POST',
    path: '/api/v1/plan-versions/:id/fork',
    tag: 'plan-versions',
    summary: 'A new draft with copies of every item (origins kept) and zone of the version',
    params: byId,
    body: planVersionCreate,
    responses: {
      201: { description: 'The draft (ETag: its version; Location)', schema: planVersion },
      404: notFound,
    },
  }),
  approveVersion: endpoint({
    method: 'POST',
    path: '/api/v1/plan-versions/:id/approve',
    tag: 'plan-versions',
    ifMatch: 'required',
    summary:
      "Approve a draft under If-Match (the version the approver reviewed), superseding the plan's approved version (no body)",
    params: byId,
    responses: {
      200: { description: 'The approved version (ETag: its version)', schema: planVersionApproved },
      404: notFound,
      409: conflict,
    },
  }),
  listItems: endpoint({
    method: 'GET',
    path: '/api/v1/plan-versions/:id/items',
    tag: 'plan-items',
    summary: "A version's items, by kind, phase, status and bbox",
    params: byId,
    query: planItemListQuery,
    responses: { 200: { description: 'The items', schema: planItemCollection }, 404: notFound },
  }),
  createItem: endpoint({
    method: 'POST',
    path: '/api/v1/plan-versions/:id/items',
    tag: 'plan-items',
    summary:
      'Draw an item in a draft. Body: a GeoJSON Feature whose geometry type and attributes follow its kind (PlanItemFeature), checked by its handler, every problem at once',
    params: byId,
    checkedBody: 'PlanItemFeature',
    responses: {
      201: {
        description: 'The item with its check results (ETag: its version; Location)',
        schema: planItemFeature,
      },
      404: notFound,
      409: conflict,
    },
  }),
  compareVersions: endpoint({
    method: 'GET',
    path: '/api/v1/plan-versions/:id/compare',
    tag: 'plan-versions',
    summary: 'What changed from `base` to this version, items paired by origin',
    params: byId,
    query: planCompareQuery,
    responses: { 200: { description: 'The differences', schema: planComparison }, 404: notFound },
  }),
  getItem: endpoint({
    method: 'GET',
    path: '/api/v1/plan-items/:id',
    tag: 'plan-items',
    summary: 'One plan item (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The item', schema: planItemFeature }, 404: notFound },
  }),
  updateItem: endpoint({
    method: 'PATCH',
    path: '/api/v1/plan-items/:id',
    tag: 'plan-items',
    ifMatch: 'required',
    summary:
      'Change an item of a draft under If-Match. Body: `geometry` and/or some `properties`, merged into the item and checked whole (its kind cannot change)',
    params: byId,
    checkedBody: 'PlanItemPatchRequest',
    responses: {
      200: { description: 'The item (ETag: its version)', schema: planItemFeature },
      404: notFound,
      409: conflict,
    },
  }),
  deleteItem: endpoint({
    method: 'DELETE',
    path: '/api/v1/plan-items/:id',
    tag: 'plan-items',
    ifMatch: 'optional',
    summary: 'Delete an item of a draft (If-Match optional; kept in its history)',
    params: byId,
    responses: { 204: { description: 'Deleted' }, 404: notFound, 409: conflict },
  }),
  itemHistory: endpoint({
    method: 'GET',
    path: '/api/v1/plan-items/:id/history',
    tag: 'plan-items',
    summary: "A plan item's versions, newest first (a deleted item's for city staff only)",
    params: byId,
    responses: { 200: { description: 'The history', schema: recordHistory }, 404: notFound },
  }),
  restoreItem: endpoint({
    method: 'POST',
    path: '/api/v1/plan-items/:id/restore',
    tag: 'plan-items',
    summary:
      'Bring back an earlier version of an item (also of a deleted one) as a new write; If-Match unless deleted',
    params: byId,
    body: restoreRequest,
    responses: {
      200: { description: 'The item (ETag: its version)', schema: planItemFeature },
      404: notFound,
      409: conflict,
    },
  }),
  listZones: endpoint({
    method: 'GET',
    path: '/api/v1/plan-zones',
    tag: 'plan-zones',
    summary: "The global zones, and with `planVersionId` that version's own",
    query: planZoneListQuery,
    responses: { 200: { description: 'The zones, oldest first', schema: planZoneCollection } },
  }),
  createZone: endpoint({
    method: 'POST',
    path: '/api/v1/plan-zones',
    tag: 'plan-zones',
    summary:
      'Draw a zone: global (`planVersionId` null) or of a draft. Body: a GeoJSON Feature with a Polygon (PlanZoneFeature), checked by its handler',
    checkedBody: 'PlanZoneFeature',
    responses: {
      201: { description: 'The zone (ETag: its version; Location)', schema: planZoneFeature },
      409: conflict,
    },
  }),
  getZone: endpoint({
    method: 'GET',
    path: '/api/v1/plan-zones/:id',
    tag: 'plan-zones',
    summary: 'One zone (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The zone', schema: planZoneFeature }, 404: notFound },
  }),
  updateZone: endpoint({
    method: 'PATCH',
    path: '/api/v1/plan-zones/:id',
    tag: 'plan-zones',
    ifMatch: 'required',
    summary:
      'Change a zone under If-Match. Body: `geometry` and/or some `properties`, merged into the zone (it cannot move between versions)',
    params: byId,
    checkedBody: 'PlanZonePatchRequest',
    responses: {
      200: { description: 'The zone (ETag: its version)', schema: planZoneFeature },
      404: notFound,
      409: conflict,
    },
  }),
  deleteZone: endpoint({
    method: 'DELETE',
    path: '/api/v1/plan-zones/:id',
    tag: 'plan-zones',
    summary: 'Delete a zone',
    params: byId,
    responses: { 204: { description: 'Deleted' }, 404: notFound, 409: conflict },
  }),
} as const;
