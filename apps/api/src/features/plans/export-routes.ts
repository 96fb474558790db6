/**
 * Plan exports under /api/v1/plan-versions/:id, read access as the version itself (drafts and
 * baselines only for admins, planners and reviewers; others get 404):
 * - `appendix.xlsx|csv?commune=` the appendix tables (every commune without `commune`);
 * - `map.pdf?commune=&paper=A4|A3`, `map.png?commune=&paper=` the print map;
 * - `export.geojson?crs=`, `export.gpkg?crs=` the items and zones (EPSG:4326 or EPSG:9210);
 * - `export.dxf` the items and zones as a CAD drawing, always in VN-2000 TM-3 (EPSG:9210), metres.
 * Access and parameters are checked here; the file is made in the compute pool.
 */
import { type PlanExportFileName, planExportEndpoints } from '@hatang/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { defineRoute } from '../../http/define-route.js';
import { asciiSlug } from './exports/export-labels.js';
import { type ExportContext, exportContext } from './exports/export-request.js';
import type { PrintMapRequest } from './exports/print-map-render.js';
import { PLAN_READERS } from './plan-access.js';

/** `plan-<plan>-<version>[-<commune>]`: ASCII only, so every browser and OS keeps the name. */
function fileName(x: ExportContext, suffix: string): string {
  const parts = [asciiSlug(x.plan.name), asciiSlug(x.version.name, x.version.kind)];
  if (x.commune) parts.push(`${asciiSlug(x.commune.name, 'commune')}-${x.commune.code}`);
  return `${parts.join('_')}${suffix}`;
}

function download(c: Context<AppEnv>, body: Uint8Array | string, contentType: string, name: string) {
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

const mapRequest = (x: ExportContext): PrintMapRequest => ({
  versionId: x.version.id,
  planName: x.plan.name,
  version: { name: x.version.name, kind: x.version.kind, approvedAt: x.approvedOn },
  commune: x.commune,
  paper: x.paper,
  date: x.date,
});

const crsSuffix = (x: ExportContext) => (x.crs === 'EPSG:4326' ? '' : `-${x.crs.replace(':', '')}`);

/** Each file's endpoint and the end of its download name. */
const FILES: [
  PlanExportFileName,
  (typeof planExportEndpoints)[keyof typeof planExportEndpoints],
  (x: ExportContext) => string,
][] = [
  ['appendix.xlsx', planExportEndpoints.appendixXlsx, () => '_appendix.xlsx'],
  ['appendix.csv', planExportEndpoints.appendixCsv, () => '_appendix.csv'],
  ['map.pdf', planExportEndpoints.mapPdf, (x) => `_map-${x.paper}.pdf`],
  ['map.png', planExportEndpoints.mapPng, (x) => `_map-${x.paper}.png`],
  ['export.geojson', planExportEndpoints.exportGeoJson, (x) => `${crsSuffix(x)}.geojson`],
  ['export.gpkg', planExportEndpoints.exportGpkg, (x) => `${crsSuffix(x)}.gpkg`],
  ['export.dxf', planExportEndpoints.exportDxf, () => '-EPSG9210.dxf'],
];

export const planExportRoutes = FILES.map(([file, endpoint, suffix]) =>
  defineRoute(endpoint, { resource: 'plan-versions', action: 'read', rule: PLAN_READERS }, async (c) => {
    const x = await exportContext(c.var.services.db, c);
    const compute = c.var.services.compute;
    if (!compute) throw new Error('plan exports need the compute pool (app.ts sets it)');
    const made = await compute.run(
      { kind: 'plan-export', file, context: x, map: mapRequest(x) },
      c.req.raw.signal,
    );
    for (const [name, value] of Object.entries(made.headers)) c.header(name, value);
    return download(c, made.body, made.contentType, fileName(x, suffix(x)));
  }),
);
