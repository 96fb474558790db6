import type { ResourceDefinition } from '@hatang/contracts';
import { type LngLatBBox, TILE_BUFFER, TILE_EXTENT, type TileId, tileBBox, tileUnitDeg } from '@hatang/geo';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { baseTier, isVisible, type Tier, tierFor } from '../../policy/confidentiality.js';
import { columnsOf, propertySchema } from '../assets/sql/columns.js';
import type { TileLayer } from './tile-layers.js';

/**
 * What goes into one tile, as SQL both encoders share: `SELECT geom, <attributes> …` with `geom`
 * in WGS 84, already simplified for the zoom, and every attribute already redacted for the viewer.
 * Sharing this query is what makes ST_AsMVT and the JS encoder give the same tile.
 */
export interface TileSource {
  sql: string;
  params: unknown[];
  /** Attribute names (camelCase, as they appear in the tile), in column order. */
  attributes: string[];
}

/** Read-only attributes some layers add to their contract's columns. */
const EXTRA_ATTRIBUTES: Record<string, Record<string, string>> = {
  towers: {
    tenantCount: '(SELECT count(*)::int FROM tenancies t WHERE t.tower_id = r.id)',
    adminUnitCode: 'r.admin_unit_code',
  },
  'wifi-points': { adminUnitCode: 'r.admin_unit_code' },
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

const quote = (name: string) => `"${name}"`;
const envelope = (first: number) =>
  `ST_MakeEnvelope($${first}::float8, $${first + 1}::float8, $${first + 2}::float8, $${first + 3}::float8, 4326)`;

function columnExpression(definition: ResourceDefinition, property: string): string | undefined {
  if (property === 'id') return 'r.id::text';
  const extra = EXTRA_ATTRIBUTES[definition.path]?.[property];
  if (extra) return extra;
  const column = columnsOf(definition).find((c) => c.property === property);
  if (!column) return undefined;
  const ref = `r.${column.name}`;
  if (column.kind === 'text_array') return `array_to_string(${ref}, ',')`;
  const schema = propertySchema(definition, property);
  // MVT values are strings, numbers and booleans: uuids, dates and enums travel as text.
  return schema instanceof z.ZodNumber || schema instanceof z.ZodBoolean ? ref : `${ref}::text`;
}

function resourceSource(
  layer: TileLayer,
  definition: ResourceDefinition,
  tile: TileId,
  principal?: Principal,
) {
  const detail = tile.z >= layer.detailZoom;
  const wanted = detail
    ? [
        'id',
        ...columnsOf(definition).map((c) => c.property),
        ...Object.keys(EXTRA_ATTRIBUTES[definition.path] ?? {}),
      ]
    : [...layer.lowZoomAttributes];
  const isPoint = definition.geometryType === 'Point';
  const params: unknown[] = [...tileBBox(tile, TILE_BUFFER / TILE_EXTENT)];
  if (!isPoint) params.push(tileUnitDeg(tile.z));
  const others = baseTier(principal);
  const own = principal ? tierFor(principal, principal.orgId) : others;
  const items: string[] = [];
  const attributes: string[] = [];
  let orgParam: number | undefined;
  for (const property of wanted) {
    const expression = columnExpression(definition, property);
    if (!expression) continue;
    // The same rule as redactFeature: others' features at the base tier, the viewer's own in full.
    if (isVisible(definition.path, property, others)) {
      items.push(`${expression} AS ${quote(property)}`);
    } else if (principal && isVisible(definition.path, property, own)) {
      if (orgParam === undefined) {
        params.push(principal.orgId);
        orgParam = params.length;
      }
      items.push(
        `CASE WHEN r.owner_org_id = $${orgParam}::uuid THEN ${expression} END AS ${quote(property)}`,
      );
    } else {
      continue;
    }
    attributes.push(property);
  }
  const geom = isPoint ? 'r.geom' : 'ST_Simplify(r.geom, $5::float8, true)';
  const where = [`r.geom && ${envelope(1)}`];
  // Minor streets only once they can be told apart.
  if (definition.path === 'streets' && tile.z < 13) where.push(`r.street_class IN ('primary', 'secondary')`);
  return {
    sql: `SELECT ${[`${geom} AS geom`, ...items].join(', ')} FROM ${definition.table} r
      WHERE ${where.join(' AND ')} ORDER BY r.id`,
    params,
    attributes,
  };
}

function adminUnitSource(layer: TileLayer, tile: TileId): TileSource {
  const all: Record<string, string> = {
    code: 'a.code',
    name: 'a.name',
    unitType: 'a.unit_type',
    formerDistrict: 'a.former_district',
    population: 'a.population',
    areaKm2: 'a.area_km2',
  };
  const attributes = tile.z >= layer.detailZoom ? Object.keys(all) : [...layer.lowZoomAttributes];
  return {
    sql: `SELECT ST_Simplify(a.geom, $5::float8, true) AS geom, ${attributes.map((a) => `${all[a]} AS ${quote(a)}`).join(', ')}
      FROM admin_units a WHERE a.geom && ${envelope(1)} ORDER BY a.code`,
    params: [...tileBBox(tile, TILE_BUFFER / TILE_EXTENT), tileUnitDeg(tile.z)],
    attributes,
  };
}

/**
 * Population: the 100 m cells as squares from the detail zoom on; below it, summed into square
 * bins of 1/16 tile width (a global grid, so a bin is the same in every tile it touches).
 */
function populationSource(layer: TileLayer, tile: TileId): TileSource {
  const attributes = ['populationCount', 'cellCount', 'populationPerKm2'];
  const density = 'sum(p.population) / nullif(sum(p.cell_size_m * p.cell_size_m), 0) * 1e6';
  if (tile.z >= layer.detailZoom) {
    // Half a cell in degrees: 111 320 m per degree of latitude, less per degree of longitude.
    const dy = 'p.cell_size_m / 2 / 111320.0';
    const dx = `p.cell_size_m / 2 / (111320.0 * cos(radians(ST_Y(p.geom))))`;
    return {
      sql: `SELECT ST_MakeEnvelope(ST_X(p.geom) - ${dx}, ST_Y(p.geom) - ${dy}, ST_X(p.geom) + ${dx}, ST_Y(p.geom) + ${dy}, 4326) AS geom,
          p.population AS "populationCount", 1 AS "cellCount",
          p.population / (p.cell_size_m * p.cell_size_m) * 1e6 AS "populationPerKm2"
        FROM population_cells p WHERE p.geom && ${envelope(1)} ORDER BY p.id`,
      params: [...tileBBox(tile, TILE_BUFFER / TILE_EXTENT)],
      attributes,
    };
  }
  const bbox = tileBBox(tile);
  const gx = tileUnitDeg(tile.z) * (TILE_EXTENT / 16);
  // Square on the map: a degree of latitude is longer (in Web Mercator) than one of longitude.
  const gy = gx * Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const margin: LngLatBBox = [bbox[0] - gx, bbox[1] - gy, bbox[2] + gx, bbox[3] + gy];
  return {
    sql: `SELECT ST_MakeEnvelope(ST_X(b.centre) - $5::float8 / 2, ST_Y(b.centre) - $6::float8 / 2,
          ST_X(b.centre) + $5::float8 / 2, ST_Y(b.centre) + $6::float8 / 2, 4326) AS geom,
        b."populationCount", b."cellCount", b."populationPerKm2"
      FROM (SELECT ST_SnapToGrid(p.geom, 0, 0, $5::float8, $6::float8) AS centre, sum(p.population)::int AS "populationCount",
          count(*)::int AS "cellCount", ${density} AS "populationPerKm2"
        FROM population_cells p WHERE p.geom && ${envelope(1)} GROUP BY 1) b
      ORDER BY ST_X(b.centre), ST_Y(b.centre)`,
    params: [...margin, gx, gy],
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
