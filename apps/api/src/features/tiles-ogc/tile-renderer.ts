import type { Database, Sql } from '@hatang/db';
import {
  encodeTile,
  TILE_BUFFER,
  TILE_EXTENT,
  type TileFeature,
  type TileId,
  type TileValue,
} from '@hatang/geo';
import type { TileSource } from './tile-source.js';

/** Turns a tile's shared query into MVT bytes; one implementation per database kind. */
export interface TileRenderer {
  readonly name: 'st_asmvt' | 'js';
  render(sql: Sql, layer: string, tile: TileId, source: TileSource): Promise<Uint8Array>;
}

const quote = (name: string) => `"${name}"`;

/** PostgreSQL + PostGIS: ST_AsMVTGeom clips and quantises, ST_AsMVT encodes, in the database. */
export const stAsMvtRenderer: TileRenderer = {
  name: 'st_asmvt',
  async render(sql, layer, { z, x, y }, source) {
    const n = source.params.length;
    const attributes = source.attributes.map((a) => `src.${quote(a)}`);
    const rows = await sql.query<{ tile: Uint8Array }>(
      `SELECT coalesce(ST_AsMVT(t.*, $${n + 4}::text, ${TILE_EXTENT}, 'geom'), ''::bytea) AS tile FROM (
         SELECT ${[
           `ST_AsMVTGeom(ST_Transform(src.geom, 3857), ST_TileEnvelope($${n + 1}::int, $${n + 2}::int, $${n + 3}::int), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom`,
           ...attributes,
         ].join(', ')}
         FROM (${source.sql}) src
       ) t WHERE t.geom IS NOT NULL`,
      [...source.params, z, x, y, layer],
    );
    const bytes = rows[0]?.tile;
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array();
  },
};

/** Any PostGIS, PGlite included: the database selects and simplifies, JavaScript encodes. */
export const jsRenderer: TileRenderer = {
  name: 'js',
  async render(sql, layer, tile, source) {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT ${['ST_AsGeoJSON(src.geom, 7)::json AS "__geometry"', ...source.attributes.map((a) => `src.${quote(a)}`)].join(', ')}
       FROM (${source.sql}) src`,
      source.params,
    );
    const features: TileFeature[] = rows.map(({ __geometry, ...attributes }) => ({
      geometry: __geometry as GeoJSON.Geometry,
      properties: attributes as Record<string, TileValue>,
    }));
    return encodeTile(layer, tile, features);
  },
};

/** ST_AsMVT where the database has it (PostgreSQL + PostGIS); the JS encoder on PGlite. */
export const rendererFor = (db: Database): TileRenderer =>
  db.kind === 'postgres' ? stAsMvtRenderer : jsRenderer;
