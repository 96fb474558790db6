import { createHash } from 'node:crypto';
import type { Database } from '@hatang/db';
import { isValidTile, type TileId } from '@hatang/geo';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { isVisible } from '../policy/confidentiality.js';
import { TILE_LAYERS, type TileLayer, tileLayer } from '../tiles/tile-layers.js';
import { rendererFor, type TileRenderer } from '../tiles/tile-renderer.js';
import { tileSource, viewKey } from '../tiles/tile-source.js';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/** Seconds a client or shared cache may reuse a tile before revalidating with its ETag. */
const MAX_AGE_S = 60;

function layerOr404(id: string): TileLayer {
  const layer = tileLayer(id);
  if (!layer) throw notFound(`Tile layer ${id} (one of ${TILE_LAYERS.map((l) => l.id).join(', ')})`);
  return layer;
}

/** Tiles differ by viewer: shared caches may keep only anonymous ones, and must key on credentials. */
function cacheHeaders(c: Context<AppEnv>, etag: string) {
  c.header('ETag', etag);
  c.header(
    'Cache-Control',
    c.get('principal') ? `private, max-age=${MAX_AGE_S}` : `public, max-age=${MAX_AGE_S}`,
  );
  c.header('Vary', 'Authorization, Cookie');
}

const matchesEtag = (header: string | undefined, etag: string) =>
  (header ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);

/** The fields a viewer finds in a layer's tiles at its detail zoom (TileJSON `vector_layers`). */
function fieldsOf(layer: TileLayer, c: Context<AppEnv>): Record<string, string> {
  const principal = c.get('principal');
  const source = tileSource(layer, { z: Math.max(layer.detailZoom, layer.minzoom), x: 0, y: 0 }, principal);
  const { tier } = viewKey(principal);
  return Object.fromEntries(
    source.attributes.map((name) => {
      const own = layer.source.kind === 'resource' && !isVisible(layer.source.definition.path, name, tier);
      return [name, own ? `${name} (your organisation's features only)` : name];
    }),
  );
}

/**
 * Vector tiles: `GET /{layer}/{z}/{x}/{y}.mvt` (Mapbox Vector Tile, one MVT layer named like the
 * layer) and `GET /{layer}.json` (TileJSON 3.0). ST_AsMVT on PostgreSQL, the JS encoder on PGlite;
 * attributes thinned by zoom and redacted to what the viewer may see; ETag per content and viewer
 * tier, so a cache never hands one viewer's tile to another.
 */
export function tileRoutes(db: Database, renderer: TileRenderer = rendererFor(db)) {
  const app = new Hono<AppEnv>();

  app.get('/:file{[a-z-]+\\.json}', async (c) => {
    const layer = layerOr404(c.req.param('file').replace(/\.json$/, ''));
    const extent = await db.query<{ w: number | null; s: number; e: number; n: number }>(
      `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
       FROM (SELECT ST_Extent(geom)::geometry AS x FROM admin_units) b`,
    );
    const b = extent[0];
    const origin = new URL(c.req.url).origin;
    c.header('Cache-Control', c.get('principal') ? 'private, max-age=300' : 'public, max-age=300');
    c.header('Vary', 'Authorization, Cookie');
    return c.json({
      tilejson: '3.0.0',
      name: layer.title,
      scheme: 'xyz',
      tiles: [`${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt`],
      minzoom: layer.minzoom,
      maxzoom: layer.maxzoom,
      bounds: b && b.w !== null ? [b.w, b.s, b.e, b.n] : [-180, -85.0511, 180, 85.0511],
      vector_layers: [
        {
          id: layer.id,
          description: `${layer.title}; ${layer.geometryType} features, fewer attributes below zoom ${layer.detailZoom}`,
          minzoom: layer.minzoom,
          maxzoom: layer.maxzoom,
          fields: fieldsOf(layer, c),
        },
      ],
    });
  });

  app.get('/:layer/:z{[0-9]+}/:x{[0-9]+}/:y{[0-9]+\\.mvt}', async (c) => {
    const layer = layerOr404(c.req.param('layer'));
    const tile: TileId = {
      z: Number(c.req.param('z')),
      x: Number(c.req.param('x')),
      y: Number(c.req.param('y').replace(/\.mvt$/, '')),
    };
    if (!isValidTile(tile)) {
      throw validationFailed([
        { path: ['z/x/y'], message: 'no such tile: z within 0–22, x and y within 0 … 2^z − 1' },
      ]);
    }
    const principal = c.get('principal');
    const bytes =
      tile.z < layer.minzoom
        ? new Uint8Array()
        : await renderer.render(db, layer.id, tile, tileSource(layer, tile, principal));
    const view = viewKey(principal);
    const hash = createHash('sha256').update(view.key).update(bytes).digest('base64url').slice(0, 27);
    const etag = `"${view.tier}-${hash}"`;
    cacheHeaders(c, etag);
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': MVT_TYPE });
  });

  return app;
}
