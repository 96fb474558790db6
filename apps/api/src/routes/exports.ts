import { assetResources, bboxParam, type ResourceDefinition } from '@hatang/contracts';
import type { CrsCode } from '@hatang/geo';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../exports/export-formats.js';
import type { ComputePool } from '../jobs/compute-pool.js';

const DEFINITIONS = new Map<string, ResourceDefinition>(assetResources.map((r) => [r.path, r]));
const EXPORT_CRS: readonly CrsCode[] = ['EPSG:4326', 'EPSG:9210', 'EPSG:9209'];
const isFormat = (v: string): v is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(v);

/**
 * Routes under /api/v1/exports: `GET /:resource?format=&crs=&bbox=&<filters>` (a file download)
 * and `GET /ofds/nodes|spans` (OFDS GeoJSON of the fiber network).
 */
export function exportRoutes(compute: ComputePool) {
  const app = new Hono<AppEnv>();

  app.get('/ofds/:part', async (c) => {
    const part = c.req.param('part');
    if (part !== 'nodes' && part !== 'spans') throw notFound('OFDS part (use nodes or spans)');
    const raw = c.req.query('bbox');
    let bbox: [number, number, number, number] | undefined;
    if (raw !== undefined) {
      const parsed = bboxParam.safeParse(raw);
      if (!parsed.success)
        throw validationFailed([{ path: ['bbox'], message: 'bbox must be minLng,minLat,maxLng,maxLat' }]);
      bbox = parsed.data;
    }
    const made = await compute.run(
      { kind: 'ofds', part, principal: c.get('principal'), bbox },
      c.req.raw.signal,
    );
    c.header('Content-Type', made.contentType);
    c.header('Content-Disposition', `attachment; filename="ofds-${part}.geojson"`);
    return c.body(typeof made.body === 'string' ? made.body : new Uint8Array(made.body));
  });

  app.get('/:resource', async (c) => {
    const definition = DEFINITIONS.get(c.req.param('resource'));
    if (!definition) throw notFound('Layer');
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
    const encoded = await compute.run(
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
    const suffix = code === 'EPSG:4326' ? '' : `-${code.replace(':', '')}`;
    c.header('Content-Type', encoded.contentType);
    c.header(
      'Content-Disposition',
      `attachment; filename="${definition.path}${suffix}.${encoded.extension}"`,
    );
    for (const [name, value] of Object.entries(encoded.headers)) c.header(name, value);
    return c.body(typeof encoded.body === 'string' ? encoded.body : new Uint8Array(encoded.body));
  });

  return app;
}
