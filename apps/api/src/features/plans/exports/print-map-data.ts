/**
 * What a print map shows, read from the database for one view box (WGS 84): commune boundaries,
 * the register's main assets (faint context), the plan zones and the version's items. Lines and
 * boundaries are simplified in SQL to what the scale can show (about 0.1 mm on paper).
 */
import { readFile } from 'node:fs/promises';
import {
  type Geometry,
  type PlanItemKind,
  type PlanZoneKind,
  planGeometryOutput,
  planItemKind,
  planZoneKind,
} from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import {
  adminUnits,
  cableRoutes,
  ducts,
  landingStations,
  planItems,
  planZones,
  submarineCables,
  towers,
  trenchesTunnels,
} from '@hatang/db/schema';
import { and, asc, type Column, eq, isNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { BASEMAP_LAND_FILE } from '../land.js';

/** [minLng, minLat, maxLng, maxLat] */
export type LngLatBox = [number, number, number, number];

/** The box data/basemap-land.geojson was clipped to: outside it the map knows no land or sea. */
export const BASEMAP_BOX: LngLatBox = [105.9, 20.0, 107.8, 21.3];

/** `box` as a PostGIS envelope (WGS 84), its corners bound as parameters. */
export const envelopeOf = (box: LngLatBox): SQL =>
  sql`ST_MakeEnvelope(${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}, 4326)`;

/**
 * The bounds of a geometry (or box) as select fields, degrees, read with `decode` (drizzle hands a
 * null, e.g. the extent of no row, back as null without decoding it).
 */
export const boundsFields = <T>(geometry: Column | SQL.Aliased, decode: (value: unknown) => T) => ({
  minX: sql`ST_XMin(${geometry})`.mapWith(decode),
  minY: sql`ST_YMin(${geometry})`.mapWith(decode),
  maxX: sql`ST_XMax(${geometry})`.mapWith(decode),
  maxY: sql`ST_YMax(${geometry})`.mapWith(decode),
});
const numberOrNull = (value: unknown): number | null => Number(value);

/**
 * The city's extent for a whole-city map: the admin units inside the region the basemap covers
 * (Hai Phong). Units elsewhere (none in production) are not part of the city's map.
 */
export async function cityExtent(
  db: Sql,
  excludeNames: readonly string[] = [],
): Promise<LngLatBox | undefined> {
  const extent = orm(db)
    .select({ e: sql`ST_Extent(${adminUnits.geom})::geometry`.as('e') })
    .from(adminUnits)
    .where(
      and(
        sql`ST_Intersects(${adminUnits.geom}, ${envelopeOf(BASEMAP_BOX)})`,
        notInArray(adminUnits.name, [...excludeNames]),
      ),
    )
    .as('x');
  // One row, its bounds null when no unit matched.
  const [r] = await orm(db).select(boundsFields(extent.e, numberOrNull)).from(extent);
  if (!r || r.minX === null || r.minY === null || r.maxX === null || r.maxY === null) return undefined;
  return [r.minX, r.minY, r.maxX, r.maxY];
}

export async function communeExtent(db: Sql, code: string): Promise<LngLatBox | undefined> {
  const [r] = await orm(db)
    .select(boundsFields(adminUnits.geom, Number))
    .from(adminUnits)
    .where(eq(adminUnits.code, code));
  return r ? [r.minX, r.minY, r.maxX, r.maxY] : undefined;
}

export interface MapUnit {
  code: string;
  name: string;
  geometry: Geometry;
  label: [number, number];
}
export interface MapItem {
  kind: PlanItemKind;
  name: string | null;
  attributes: Record<string, unknown>;
  geometry: Geometry;
}
export interface MapZone {
  kind: PlanZoneKind;
  name: string;
  geometry: Geometry;
}
export interface RegisterLayers {
  towers: [number, number][];
  lines: Geometry[];
  submarine: Geometry[];
  landingStations: [number, number][];
}

export interface MapData {
  units: MapUnit[];
  register: RegisterLayers;
  zones: MapZone[];
  items: MapItem[];
  land: Geometry[];
}

/** A geometry as the map draws it (stored 2D, WGS 84), from ST_AsGeoJSON's JSON (an object or its text). */
const drawnGeometry = (value: unknown): Geometry =>
  planGeometryOutput.parse(typeof value === 'string' ? JSON.parse(value) : value);
const lngLat = z.object({ coordinates: z.tuple([z.number(), z.number()]) });
const attributesOf = z.record(z.string(), z.unknown());

/**
 * Everything inside `box` for the map of `versionId`. `toleranceDeg`: simplification tolerance in
 * degrees (boundaries and register lines only: plan items are drawn as stored).
 */
export async function loadMapData(
  db: Sql,
  versionId: string,
  box: LngLatBox,
  toleranceDeg: number,
): Promise<MapData> {
  const q = orm(db);
  const envelope = envelopeOf(box);
  const simplified = (geometry: Column | SQL.Aliased) =>
    sql`ST_AsGeoJSON(ST_SimplifyPreserveTopology(${geometry}, ${toleranceDeg}), 6)::json`.mapWith(
      drawnGeometry,
    );
  const inUse = (table: { status: Column; geom: Column }) =>
    and(ne(table.status, 'decommissioned'), sql`${table.geom} && ${envelope}`);
  const units = await q
    .select({
      code: adminUnits.code,
      name: adminUnits.name,
      geometry: simplified(adminUnits.geom),
      label: geoJson(adminUnits.labelPoint, 6),
    })
    .from(adminUnits)
    .where(sql`${adminUnits.geom} && ${envelope}`)
    .orderBy(asc(adminUnits.code));
  const towerPoints = await q
    .select({
      lng: sql`ST_X(${towers.geom})`.mapWith(Number),
      lat: sql`ST_Y(${towers.geom})`.mapWith(Number),
    })
    .from(towers)
    .where(inUse(towers));
  const registerLines = q
    .select({ geom: ducts.geom })
    .from(ducts)
    .where(inUse(ducts))
    .unionAll(q.select({ geom: cableRoutes.geom }).from(cableRoutes).where(inUse(cableRoutes)))
    .unionAll(q.select({ geom: trenchesTunnels.geom }).from(trenchesTunnels).where(inUse(trenchesTunnels)))
    .as('l');
  const lines = await q.select({ geometry: simplified(registerLines.geom) }).from(registerLines);
  const submarine = await q
    .select({ geometry: simplified(submarineCables.geom) })
    .from(submarineCables)
    .where(inUse(submarineCables));
  const stations = await q
    .select({
      lng: sql`ST_X(${landingStations.geom})`.mapWith(Number),
      lat: sql`ST_Y(${landingStations.geom})`.mapWith(Number),
    })
    .from(landingStations)
    .where(inUse(landingStations));
  const zones = await q
    .select({ kind: planZones.kind, name: planZones.name, geometry: geoJson(planZones.geom, 7) })
    .from(planZones)
    .where(
      and(
        or(isNull(planZones.planVersionId), eq(planZones.planVersionId, versionId)),
        sql`${planZones.geom} && ${envelope}`,
      ),
    )
    .orderBy(asc(planZones.createdAt), asc(planZones.id));
  const items = await q
    .select({
      kind: planItems.kind,
      name: planItems.name,
      attributes: planItems.attributes,
      geometry: geoJson(planItems.geom, 7),
    })
    .from(planItems)
    .where(and(eq(planItems.planVersionId, versionId), sql`ST_Expand(${planItems.geom}, 0.1) && ${envelope}`))
    .orderBy(asc(planItems.originId));
  return {
    units: units.map((u) => ({
      code: u.code,
      name: u.name,
      geometry: u.geometry,
      label: lngLat.parse(u.label).coordinates,
    })),
    register: {
      towers: towerPoints.map((t) => [t.lng, t.lat]),
      lines: lines.map((l) => l.geometry),
      submarine: submarine.map((l) => l.geometry),
      landingStations: stations.map((t) => [t.lng, t.lat]),
    },
    // The tables' kind columns hold the contract's values only (their CHECK constraints).
    zones: zones.map((z) => ({
      kind: planZoneKind.parse(z.kind),
      name: z.name,
      geometry: drawnGeometry(z.geometry),
    })),
    items: items.map((i) => ({
      kind: planItemKind.parse(i.kind),
      name: i.name,
      attributes: attributesOf.parse(i.attributes),
      geometry: drawnGeometry(i.geometry),
    })),
    land: await landInside(box),
  };
}

let landFile: Promise<{ geometry: Geometry; box: LngLatBox }[]> | undefined;

/** The basemap's land polygons whose bounding box meets `box` (the file is read once). */
async function landInside(box: LngLatBox): Promise<Geometry[]> {
  landFile ??= readFile(BASEMAP_LAND_FILE, 'utf8').then((text) =>
    (JSON.parse(text) as { features: { geometry: Geometry }[] }).features.map((f) => ({
      geometry: f.geometry,
      box: boundsOf(f.geometry),
    })),
  );
  const all = await landFile;
  return all
    .filter(({ box: b }) => b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1])
    .map((l) => l.geometry);
}

export function boundsOf(geometry: Geometry): LngLatBox {
  const box: LngLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], Number(c[1]));
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], Number(c[1]));
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit((geometry as { coordinates: unknown }).coordinates);
  return box;
}
