import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../context.js';
import type { ComputePool } from '../jobs/compute-pool.js';
import type { PlanExportFile } from '../jobs/compute-tasks.js';
import { asciiSlug } from '../plan-exports/export-labels.js';
import { type ExportContext, exportContext } from '../plan-exports/export-request.js';
import type { PrintMapRequest } from '../plan-exports/print-map-render.js';

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
export function planExportRoutes(db: Database, compute: ComputePool) {
  const app = new Hono<AppEnv>();
  const crsSuffix = (x: ExportContext) => (x.crs === 'EPSG:4326' ? '' : `-${x.crs.replace(':', '')}`);
  const suffixes: Record<PlanExportFile, (x: ExportContext) => string> = {
    'appendix.xlsx': () => '_appendix.xlsx',
    'appendix.csv': () => '_appendix.csv',
    'map.pdf': (x) => `_map-${x.paper}.pdf`,
    'map.png': (x) => `_map-${x.paper}.png`,
    'export.geojson': (x) => `${crsSuffix(x)}.geojson`,
    'export.gpkg': (x) => `${crsSuffix(x)}.gpkg`,
  };

  // Access and parameters are checked here; the file is made in the compute pool.
  for (const [file, suffix] of Object.entries(suffixes) as [PlanExportFile, (x: ExportContext) => string][]) {
    app.get(`/plan-versions/:id/${file}`, async (c) => {
      const x = await exportContext(db, c);
      const made = await compute.run(
        { kind: 'plan-export', file, context: x, map: mapRequest(x) },
        c.req.raw.signal,
      );
      for (const [name, value] of Object.entries(made.headers)) c.header(name, value);
      return download(c, made.body, made.contentType, fileName(x, suffix(x)));
    });
  }

  return app;
}
