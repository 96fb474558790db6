import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { appendixCsv, appendixXlsx } from '../plan-exports/appendix-files.js';
import { appendixGroups } from '../plan-exports/appendix-rows.js';
import { asciiSlug, VERSION_KIND_LABELS } from '../plan-exports/export-labels.js';
import { type ExportContext, exportContext } from '../plan-exports/export-request.js';
import {
  buildPrintMap,
  type PrintMapRequest,
  printMapPdf,
  printMapPng,
} from '../plan-exports/print-map-render.js';
import { versionFeatures, versionGeoJson, versionGeoPackage } from '../plan-exports/version-geodata.js';

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

/**
 * Plan exports under /api/v1/plan-versions/:id — read access as the version itself (drafts and
 * baselines only for admins, planners and reviewers; others get 404):
 * - `appendix.xlsx|csv?commune=` the appendix tables (every commune without `commune`);
 * - `map.pdf?commune=&paper=A4|A3`, `map.png?commune=&paper=` the print map;
 * - `export.geojson?crs=`, `export.gpkg?crs=` the items and zones (EPSG:4326 or EPSG:9210).
 */
export function planExportRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/plan-versions/:id/appendix.xlsx', async (c) => {
    const x = await exportContext(db, c);
    const groups = await appendixGroups(db, x.version.id, x.commune?.code);
    const body = await appendixXlsx(
      {
        planName: x.plan.name,
        versionName: x.version.name,
        versionKind: VERSION_KIND_LABELS[x.version.kind],
        commune: x.commune,
        date: x.date,
        approvedAt: x.approvedOn,
      },
      groups,
    );
    return download(
      c,
      body,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName(x, '_appendix.xlsx'),
    );
  });

  app.get('/plan-versions/:id/appendix.csv', async (c) => {
    const x = await exportContext(db, c);
    const groups = await appendixGroups(db, x.version.id, x.commune?.code);
    return download(c, appendixCsv(groups), 'text/csv; charset=utf-8', fileName(x, '_appendix.csv'));
  });

  app.get('/plan-versions/:id/map.pdf', async (c) => {
    const x = await exportContext(db, c);
    const request = mapRequest(x);
    const map = await buildPrintMap(db, request);
    c.header('X-Map-Scale', `1:${map.denominator}`);
    return download(
      c,
      await printMapPdf(map, request),
      'application/pdf',
      fileName(x, `_map-${x.paper}.pdf`),
    );
  });

  app.get('/plan-versions/:id/map.png', async (c) => {
    const x = await exportContext(db, c);
    const map = await buildPrintMap(db, mapRequest(x));
    c.header('X-Map-Scale', `1:${map.denominator}`);
    return download(c, printMapPng(map), 'image/png', fileName(x, `_map-${x.paper}.png`));
  });

  const meta = (x: ExportContext) => ({
    plan: x.plan,
    version: { id: x.version.id, name: x.version.name, kind: x.version.kind },
  });
  const crsSuffix = (x: ExportContext) => (x.crs === 'EPSG:4326' ? '' : `-${x.crs.replace(':', '')}`);

  app.get('/plan-versions/:id/export.geojson', async (c) => {
    const x = await exportContext(db, c);
    const features = await versionFeatures(db, x.version.id);
    return download(
      c,
      versionGeoJson(meta(x), features, x.crs),
      'application/geo+json',
      fileName(x, `${crsSuffix(x)}.geojson`),
    );
  });

  app.get('/plan-versions/:id/export.gpkg', async (c) => {
    const x = await exportContext(db, c);
    const features = await versionFeatures(db, x.version.id);
    return download(
      c,
      await versionGeoPackage(features, x.crs),
      'application/geopackage+sqlite3',
      fileName(x, `${crsSuffix(x)}.gpkg`),
    );
  });

  return app;
}
