import { type Database, orm, type Sql } from '@hatang/db';
import {
  encodeTile,
  TILE_BUFFER,
  TILE_EXTENT,
  type TileFeature,
  type TileId,
  type TileValue,
} from '@hatang/geo';
import { type SQL, sql } from 'drizzle-orm';
import type { Geometry } from 'geojson';
import { z } from 'zod';
import type { TileSource } from './tile-source.js';

/** Turns a tile's shared query into MVT bytes; one implementation per database kind. */
export interface TileRenderer {
  readonly name: 'st_asmvt' | 'js';
  render(db: Sql, layer: string, tile: TileId, source: TileSource): Promise<Uint8Array>;
}

/** The shared query as a subquery named `src`, and its attributes as columns of it. */
const src = sql.identifier('src');
const fromSource = (source: TileSource) => sql`(${source.query}) ${src}`;
const attributeOf = (name: string) => sql`${src}.${sql.identifier(name)}`;

/** bytea as the drivers give it (a Buffer on postgres-js, a Uint8Array on PGlite). */
const bytes = z.instanceof(Uint8Array);

/** PostgreSQL + PostGIS: ST_AsMVTGeom clips and quantises, ST_AsMVT encodes, in the database. */
export const stAsMvtRenderer: TileRenderer = {
  name: 'st_asmvt',
  async render(db, layer, { z, x, y }, source) {
    const t = sql.identifier('t');
    const extent = sql.raw(String(TILE_EXTENT));
    const clipped = sql`ST_AsMVTGeom(ST_Transform(${src}.geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), ${extent}, ${sql.raw(String(TILE_BUFFER))}, true)`;
    const columns: SQL[] = [sql`${clipped} AS geom`, ...source.attributes.map(attributeOf)];
    const rows = await orm(db)
      .select({
        tile: sql`coalesce(ST_AsMVT(${t}.*, ${layer}::text, ${extent}, 'geom'), ''::bytea)`.mapWith((value) =>
          bytes.parse(value),
        ),
      })
      .from(sql`(SELECT ${sql.join(columns, sql`, `)} FROM ${fromSource(source)}) ${t}`)
      .where(sql`${t}.geom IS NOT NULL`);
    const tile = rows[0]?.tile;
    return tile ? new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength) : new Uint8Array();
  },
};

/** Any PostGIS, PGlite included: the database selects and simplifies, JavaScript encodes. */
export const jsRenderer: TileRenderer = {
  name: 'js',
  async render(db, layer, tile, source) {
    const geometry = sql<Geometry>`ST_AsGeoJSON(${src}.geom, 7)::json`;
    const attributes = Object.fromEntries(
      source.attributes.map((name) => [name, sql<TileValue>`${attributeOf(name)}`]),
    );
    const rows = await orm(db)
      .select({ __geometry: geometry, ...attributes })
      .from(fromSource(source));
    const features: TileFeature[] = rows.map(({ __geometry, ...properties }) => ({
      geometry: __geometry,
      properties,
    }));
    return encodeTile(layer, tile, features);
  },
};

/** ST_AsMVT where the database has it (PostgreSQL + PostGIS); the JS encoder on PGlite. */
export const rendererFor = (db: Database): TileRenderer =>
  db.kind === 'postgres' ? stAsMvtRenderer : jsRenderer;
