/**
 * Vector tiles: `GET /tiles/{layer}/{z}/{x}/{y}.mvt` (Mapbox Vector Tile, one MVT layer named like
 * the layer) and `GET /tiles/{layer}.json` (TileJSON 3.0). ST_AsMVT on PostgreSQL, the JS encoder
 * on PGlite; attributes thinned by zoom and redacted to what the viewer may see; ETag per content
 * and viewer tier, so a cache never hands one viewer's tile to another.
 */
import { createHash } from 'node:crypto';
import { tilesOgcEndpoints as endpoints, MVT_CONTENT_TYPE } from '@hatang/contracts';
import { isValidTile, type TileId } from '@hatang/geo';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { isVisible } from '../../policy/confidentiality.js';
import { EVERYONE } from '../../policy/rules.js';
import { cityExtent } from './city-extent-repository.js';
import { TILE_LAYERS, type TileLayer, tileLayer } from './tile-layers.js';
import { rendererFor } from './tile-renderer.js';
import { tileSource, viewKey } from './tile-source.js';

/** Seconds a client or shared cache may reuse a tile before revalidating with its ETag. */
const MAX_AGE_S = 60;
/** Tiles and TileJSON are readable by anyone; each answer is redacted to the viewer's tier. */
const READ_TILES = { resource: 'tiles', action: 'read', rule: EVERYONE } as const;

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

export const tileRoutes = [
  defineRoute(endpoints.tileJson, READ_TILES, async (c) => {
    const layer = layerOr404((c.req.param('file') ?? '').replace(/\.json$/, ''));
    const bounds = await cityExtent(c.var.services.db);
    const origin = new URL(c.req.url).origin;
    c.header('Cache-Control', c.get('principal') ? 'private, max-age=300' : 'public, max-age=300');
    c.header('Vary', 'Authorization, Cookie');
    return reply(c, endpoints.tileJson, 200, {
      tilejson: '3.0.0',
      name: layer.title,
      scheme: 'xyz',
      tiles: [`${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt`],
      minzoom: layer.minzoom,
      maxzoom: layer.maxzoom,
      bounds: bounds ?? [-180, -85.0511, 180, 85.0511],
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
  }),
  defineRoute(endpoints.tile, READ_TILES, async (c, { params }) => {
    const layer = layerOr404(params.layer);
    const tile: TileId = {
      z: Number(params.z),
      x: Number(params.x),
      y: Number(params.y.replace(/\.mvt$/, '')),
    };
    if (!isValidTile(tile)) {
      throw validationFailed([
        { path: ['z/x/y'], message: 'no such tile: z within 0–22, x and y within 0 … 2^z − 1' },
      ]);
    }
    const { db } = c.var.services;
    const principal = c.get('principal');
    const bytes =
      tile.z < layer.minzoom
        ? new Uint8Array()
        : await rendererFor(db).render(db, layer.id, tile, tileSource(layer, tile, principal));
    const view = viewKey(principal);
    const hash = createHash('sha256').update(view.key).update(bytes).digest('base64url').slice(0, 27);
    const etag = `"${view.tier}-${hash}"`;
    cacheHeaders(c, etag);
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': MVT_CONTENT_TYPE });
  }),
];
