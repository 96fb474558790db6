/**
 * Layer exports under /api/v1/exports: `GET /:resource?format=&crs=&bbox=&<filters>` (a file
 * download) and `GET /ofds/nodes|spans` (OFDS GeoJSON of the fiber network). Reads like
 * GET /api/v1/<asset>: everyone, each feature redacted to the caller's tier. The file is selected
 * and encoded in the compute pool; app.ts rate-limits these paths (heavy, anonymous reads).
 */
import { assetResources, bboxParam, exportEndpoints, type ResourceDefinition } from '@hatang/contracts';
import type { CrsCode } from '@hatang/geo';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { defineRoute } from '../../http/define-route.js';
import type { ComputePool } from '../../jobs/compute-pool.js';
import { EVERYONE } from '../../policy/rules.js';
import { EXPORT_FORMATS, type ExportFormat } from './export-formats.js';

const DEFINITIONS = new Map<string, ResourceDefinition>(assetResources.map((r) => [r.path, r]));
const EXPORT_CRS: readonly CrsCode[] = ['EPSG:4326', 'EPSG:9210', 'EPSG:9209'];
const isFormat = (v: string): v is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(v);
const policy = { resource: 'exports', action: 'read', rule: EVERYONE } as const;

function computeOf(c: Context<AppEnv>): ComputePool {
  const compute = c.var.services.compute;
  if (!compute) throw new Error('exports need the compute pool (app.ts sets it)');
  return compute;
}

function download(c: Context<AppEnv>, body: Uint8Array | string, contentType: string, name: string) {
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

const exportOfdsRoute = defineRoute(exportEndpoints.exportOfds, policy, async (c, { params, query }) => {
  const { part } = params;
  if (part !== 'nodes' && part !== 'spans') throw notFound('OFDS part (use nodes or spans)');
  let bbox: [number, number, number, number] | undefined;
  if (query.bbox !== undefined) {
    const parsed = bboxParam.safeParse(query.bbox);
    if (!parsed.success)
      throw validationFailed([{ path: ['bbox'], message: 'bbox must be minLng,minLat,maxLng,maxLat' }]);
    bbox = parsed.data;
  }
  const made = await computeOf(c).run(
    { kind: 'ofds', part, principal: c.get('principal'), bbox },
    c.req.raw.signal,
  );
  return download(c, made.body, made.contentType, `ofds-${part}.geojson`);
});

const exportLayerRoute = defineRoute(exportEndpoints.exportLayer, policy, async (c, { params }) => {
  const definition = DEFINITIONS.get(params.resource);
  if (!definition) throw notFound('Layer');
  // The layer's own list filters travel as they are: the export selects as GET /api/v1/<asset>.
  const query = c.req.query();
  const format = query.format ?? 'geojson';
  const crs = (query.crs ?? 'EPSG:4326').toUpperCase();
  const issues = [];
  if (!isFormat(format))
    issues.push({ path: ['format'], message: `use one of ${EXPORT_FORMATS.join(', ')}` });
  const code = EXPORT_CRS.find((c) => c === crs);
  if (!code) issues.push({ path: ['crs'], message: `use one of ${EXPORT_CRS.join(', ')}` });
  else if (format === 'kml' && code !== 'EPSG:4326')
    issues.push({ path: ['crs'], message: 'KML is always WGS 84 (EPSG:4326)' });
  if (issues.length > 0 || !isFormat(format) || !code) throw validationFailed(issues);
  // Selected and encoded in the compute pool: a city-wide GeoPackage never holds this thread.
  const encoded = await computeOf(c).run(
    {
      kind: 'asset-export',
      resource: definition.path,
      query,
      principal: c.get('principal'),
      format,
      crs: code,
    },
    c.req.raw.signal,
  );
  for (const [name, value] of Object.entries(encoded.headers)) c.header(name, value);
  const suffix = code === 'EPSG:4326' ? '' : `-${code.replace(':', '')}`;
  return download(c, encoded.body, encoded.contentType, `${definition.path}${suffix}.${encoded.extension}`);
});

export const exportRoutes = [exportOfdsRoute, exportLayerRoute];
