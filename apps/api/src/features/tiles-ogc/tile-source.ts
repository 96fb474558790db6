import type { ResourceDefinition } from '@hatang/contracts';
import { featureTableOf } from '@hatang/db';
import { adminUnits, populationCells, tenancies } from '@hatang/db/schema';
import { type LngLatBBox, TILE_BUFFER, TILE_EXTENT, type TileId, tileBBox, tileUnitDeg } from '@hatang/geo';
import { type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { baseTier, isVisible, type Tier, tierFor } from '../../policy/confidentiality.js';
import { columnsOf, propertySchema } from '../assets/sql/columns.js';
import { columnOf } from '../assets/sql/feature-sql.js';
import type { TileLayer } from './tile-layers.js';

/**
 * What goes into one tile, as SQL both encoders share: `SELECT geom, <attributes> …` with `geom`
 * in WGS 84, already simplified for the zoom, and every attribute already redacted for the viewer.
 * Sharing this query is what makes ST_AsMVT and the JS encoder give the same tile.
 */
export interface TileSource {
  query: SQL;
  /** Attribute names (camelCase, as they appear in the tile), in column order. */
  attributes: string[];
}

/** Read-only attributes some layers add to their contract's columns (over the layer's table). */
const EXTRA_ATTRIBUTES: Record<string, (table: PgTable) => Record<string, SQL>> = {
  towers: (table) => ({
    tenantCount: sql`(SELECT count(*)::int FROM ${tenancies} WHERE ${tenancies.towerId} = ${columnOf(table, 'id')})`,
    adminUnitCode: sql`${columnOf(table, 'adminUnitCode')}`,
  }),
  'wifi-points': (table) => ({ adminUnitCode: sql`${columnOf(table, 'adminUnitCode')}` }),
};

/**
 * The confidentiality of a tile: the tier the viewer has on other organisations' features and, for
 * a signed-in user below the full tier, their organisation (whose features they see in full).
 * Tiles for different keys must never share a cache entry.
 */
export function viewKey(principal: Principal | undefined): { tier: Tier; key: string } {
  const tier = baseTier(principal);
  if (!principal || tier === 'full') return { tier, key: tier };
  return { tier, key: `${tier}:${principal.orgId}` };
}

const envelope = ([w, s, e, n]: readonly number[]) =>
  sql`ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)`;
const float8 = (value: number) => sql`${value}::float8`;
const named = (expression: SQL, name: string) => sql`${expression} AS ${sql.identifier(name)}`;

function columnExpression(definition: ResourceDefinition, table: PgTable, property: string): SQL | undefined {
  if (property === 'id') return sql`${columnOf(table, 'id')}::text`;
  const extra = EXTRA_ATTRIBUTES[definition.path]?.(table)[property];
  if (extra) return extra;
  const column = columnsOf(definition).find((c) => c.property === property);
  if (!column) return undefined;
  const ref = columnOf(table, property);
  if (column.kind === 'text_array') return sql`array_to_string(${ref}, ',')`;
  const schema = propertySchema(definition, property);
  // MVT values are strings, numbers and booleans: uuids, dates and enums travel as text.
  return schema instanceof z.ZodNumber || schema instanceof z.ZodBoolean ? sql`${ref}` : sql`${ref}::text`;
}

function resourceSource(
  layer: TileLayer,
  definition: ResourceDefinition,
  tile: TileId,
  principal?: Principal,
): TileSource {
  const table = featureTableOf(definition.path);
  const detail = tile.z >= layer.detailZoom;
  const wanted = detail
    ? [
        'id',
        ...columnsOf(definition).map((c) => c.property),
        ...Object.keys(EXTRA_ATTRIBUTES[definition.path]?.(table) ?? {}),
      ]
    : [...layer.lowZoomAttributes];
  const isPoint = definition.geometryType === 'Point';
  const others = baseTier(principal);
  const own = principal ? tierFor(principal, principal.orgId) : others;
  const items: SQL[] = [];
  const attributes: string[] = [];
  for (const property of wanted) {
    const expression = columnExpression(definition, table, property);
    if (!expression) continue;
    // The same rule as redactFeature: others' features at the base tier, the viewer's own in full.
    if (isVisible(definition.path, property, others)) {
      items.push(named(expression, property));
    } else if (principal && isVisible(definition.path, property, own)) {
      const isOwn = sql`${columnOf(table, 'ownerOrgId')} = ${principal.orgId}::uuid`;
      items.push(named(sql`CASE WHEN ${isOwn} THEN ${expression} END`, property));
    } else {
      continue;
    }
    attributes.push(property);
  }
  const stored = columnOf(table, 'geom');
  const geom = isPoint ? sql`${stored}` : sql`ST_Simplify(${stored}, ${float8(tileUnitDeg(tile.z))}, true)`;
  const where = [sql`${stored} && ${envelope(tileBBox(tile, TILE_BUFFER / TILE_EXTENT))}`];
  // Minor streets only once they can be told apart.
  if (definition.path === 'streets' && tile.z < 13)
    where.push(sql`${columnOf(table, 'streetClass')} IN ('primary', 'secondary')`);
  return {
    query: sql`SELECT ${sql.join([named(geom, 'geom'), ...items], sql`, `)} FROM ${table}
      WHERE ${sql.join(where, sql` AND `)} ORDER BY ${columnOf(table, 'id')}`,
    attributes,
  };
}

function adminUnitSource(layer: TileLayer, tile: TileId): TileSource {
  const a = adminUnits;
  const all: Record<string, SQL> = {
    code: sql`${a.code}`,
    name: sql`${a.name}`,
    unitType: sql`${a.unitType}`,
    formerDistrict: sql`${a.formerDistrict}`,
    population: sql`${a.population}`,
    areaKm2: sql`${a.areaKm2}`,
  };
  const attributes = tile.z >= layer.detailZoom ? Object.keys(all) : [...layer.lowZoomAttributes];
  const items = attributes.flatMap((name) => {
    const expression = all[name];
    return expression ? [named(expression, name)] : [];
  });
  const geom = sql`ST_Simplify(${a.geom}, ${float8(tileUnitDeg(tile.z))}, true)`;
  return {
    query: sql`SELECT ${sql.join([named(geom, 'geom'), ...items], sql`, `)}
      FROM ${a} WHERE ${a.geom} && ${envelope(tileBBox(tile, TILE_BUFFER / TILE_EXTENT))} ORDER BY ${a.code}`,
    attributes,
  };
}

/**
 * Population: the 100 m cells as squares from the detail zoom on; below it, summed into square
 * bins of 1/16 tile width (a global grid, so a bin is the same in every tile it touches).
 */
function populationSource(layer: TileLayer, tile: TileId): TileSource {
  const p = populationCells;
  const attributes = ['populationCount', 'cellCount', 'populationPerKm2'];
  const density = sql`sum(${p.population}) / nullif(sum(${p.cellSizeM} * ${p.cellSizeM}), 0) * 1e6`;
  if (tile.z >= layer.detailZoom) {
    // Half a cell in degrees: 111 320 m per degree of latitude, less per degree of longitude.
    const dy = sql`${p.cellSizeM} / 2 / 111320.0`;
    const dx = sql`${p.cellSizeM} / 2 / (111320.0 * cos(radians(ST_Y(${p.geom}))))`;
    const [x, y] = [sql`ST_X(${p.geom})`, sql`ST_Y(${p.geom})`];
    return {
      query: sql`SELECT ST_MakeEnvelope(${x} - ${dx}, ${y} - ${dy}, ${x} + ${dx}, ${y} + ${dy}, 4326) AS geom,
          ${p.population} AS "populationCount", 1 AS "cellCount",
          ${p.population} / (${p.cellSizeM} * ${p.cellSizeM}) * 1e6 AS "populationPerKm2"
        FROM ${p} WHERE ${p.geom} && ${envelope(tileBBox(tile, TILE_BUFFER / TILE_EXTENT))} ORDER BY ${p.id}`,
      attributes,
    };
  }
  const bbox = tileBBox(tile);
  const gx = tileUnitDeg(tile.z) * (TILE_EXTENT / 16);
  // Square on the map: a degree of latitude is longer (in Web Mercator) than one of longitude.
  const gy = gx * Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const margin: LngLatBBox = [bbox[0] - gx, bbox[1] - gy, bbox[2] + gx, bbox[3] + gy];
  const [width, height] = [float8(gx), float8(gy)];
  return {
    query: sql`SELECT ST_MakeEnvelope(ST_X(b.centre) - ${width} / 2, ST_Y(b.centre) - ${height} / 2,
          ST_X(b.centre) + ${width} / 2, ST_Y(b.centre) + ${height} / 2, 4326) AS geom,
        b."populationCount", b."cellCount", b."populationPerKm2"
      FROM (SELECT ST_SnapToGrid(${p.geom}, 0, 0, ${width}, ${height}) AS centre, sum(${p.population})::int AS "populationCount",
          count(*)::int AS "cellCount", ${density} AS "populationPerKm2"
        FROM ${p} WHERE ${p.geom} && ${envelope(margin)} GROUP BY 1) b
      ORDER BY ST_X(b.centre), ST_Y(b.centre)`,
    attributes,
  };
}

/** The shared query for `tile` of `layer` as seen by `principal`. */
export function tileSource(layer: TileLayer, tile: TileId, principal: Principal | undefined): TileSource {
  switch (layer.source.kind) {
    case 'resource':
      return resourceSource(layer, layer.source.definition, tile, principal);
    case 'admin-units':
      return adminUnitSource(layer, tile);
    case 'population':
      return populationSource(layer, tile);
  }
}
