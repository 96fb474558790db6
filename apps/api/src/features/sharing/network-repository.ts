/**
 * Loads the passive network for the sharing finders and the route planner: ducts, poles,
 * trenches/tunnels, streets, cable routes and civil works as plain data (`[lng, lat]` WGS 84).
 * An optional bbox `[minLng, minLat, maxLng, maxLat]` keeps rows whose geometry touches it.
 */
import type { LngLat, PoleInput } from '@hatang/analysis';
import { geoJson, orm, type Sql } from '@hatang/db';
import { cableRoutes, civilWorks, ducts, poles, streets, trenchesTunnels } from '@hatang/db/schema';
import { and, asc, type Column, eq, inArray, type SQL, sql } from 'drizzle-orm';

export type BBox = readonly [number, number, number, number];

/** Rows whose geometry's box touches `bbox` (all rows without one). */
const inBox = (geom: Column, bbox: BBox | undefined): SQL | undefined =>
  bbox ? sql`${geom} && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)` : undefined;
/** A line's positions, `[lng, lat]` (the columns hold 2D WGS 84 lines). */
const line = (geometry: { coordinates: number[][] }) => geometry.coordinates as LngLat[];

export interface DuctRow {
  id: string;
  code: string;
  ownerOrgId: string;
  status: string;
  tubesTotal: number;
  tubesUsed: number;
  fromManholeId: string | null;
  toManholeId: string | null;
  coordinates: LngLat[];
  lengthM: number;
}

export async function loadDucts(db: Sql, statuses: readonly string[], bbox?: BBox): Promise<DuctRow[]> {
  const rows = await orm(db)
    .select({
      id: ducts.id,
      code: ducts.code,
      ownerOrgId: ducts.ownerOrgId,
      status: ducts.status,
      tubesTotal: ducts.tubesTotal,
      tubesUsed: ducts.tubesUsed,
      fromManholeId: ducts.fromManholeId,
      toManholeId: ducts.toManholeId,
      geometry: geoJson(ducts.geom, 7),
      lengthM: sql<number>`ST_Length(${ducts.geom}::geography)`.mapWith(Number),
    })
    .from(ducts)
    .where(and(inArray(ducts.status, [...statuses]), inBox(ducts.geom, bbox)))
    .orderBy(asc(ducts.id));
  return rows.map(({ geometry, ...r }) => ({ ...r, coordinates: line(geometry) }));
}

export interface PoleRow extends PoleInput {
  code: string;
}

export async function loadPoles(db: Sql, bbox?: BBox): Promise<PoleRow[]> {
  const rows = await orm(db)
    .select({
      id: poles.id,
      code: poles.code,
      ownerOrgId: poles.ownerOrgId,
      lng: sql<number>`ST_X(${poles.geom})`.mapWith(Number),
      lat: sql<number>`ST_Y(${poles.geom})`.mapWith(Number),
      attachmentsUsed: poles.attachmentsUsed,
      attachmentsMax: poles.attachmentsMax,
    })
    .from(poles)
    .where(and(eq(poles.status, 'existing'), inBox(poles.geom, bbox)))
    .orderBy(asc(poles.id));
  return rows.map(({ lng, lat, ...r }) => ({ ...r, position: [lng, lat] }));
}

export interface LineRow {
  id: string;
  code: string;
  ownerOrgId: string;
  coordinates: LngLat[];
}

/** Existing trenches and technical tunnels. */
export async function loadTrenchesTunnels(db: Sql, bbox?: BBox): Promise<LineRow[]> {
  const rows = await orm(db)
    .select({
      id: trenchesTunnels.id,
      code: trenchesTunnels.code,
      ownerOrgId: trenchesTunnels.ownerOrgId,
      geometry: geoJson(trenchesTunnels.geom, 7),
    })
    .from(trenchesTunnels)
    .where(and(eq(trenchesTunnels.status, 'existing'), inBox(trenchesTunnels.geom, bbox)))
    .orderBy(asc(trenchesTunnels.id));
  return rows.map(({ geometry, ...r }) => ({ ...r, coordinates: line(geometry) }));
}

export interface StreetRow {
  id: string;
  name: string | null;
  streetClass: 'primary' | 'secondary' | 'local';
  coordinates: LngLat[];
}

export async function loadStreets(db: Sql, bbox?: BBox): Promise<StreetRow[]> {
  const rows = await orm(db)
    .select({
      id: streets.id,
      name: streets.name,
      streetClass: streets.streetClass,
      geometry: geoJson(streets.geom, 7),
    })
    .from(streets)
    .where(inBox(streets.geom, bbox))
    .orderBy(asc(streets.id));
  // The table's CHECK constraint holds these three classes only.
  return rows.map(({ geometry, ...r }) => ({
    ...r,
    streetClass: r.streetClass as StreetRow['streetClass'],
    coordinates: line(geometry),
  }));
}

export interface CableRouteRow extends LineRow {
  status: string;
  placement: string;
}

export async function loadCableRoutes(
  db: Sql,
  filter: { statuses: readonly string[]; placements: readonly string[] },
  bbox?: BBox,
): Promise<CableRouteRow[]> {
  const rows = await orm(db)
    .select({
      id: cableRoutes.id,
      code: cableRoutes.code,
      ownerOrgId: cableRoutes.ownerOrgId,
      status: cableRoutes.status,
      placement: cableRoutes.placement,
      geometry: geoJson(cableRoutes.geom, 7),
    })
    .from(cableRoutes)
    .where(
      and(
        inArray(cableRoutes.status, [...filter.statuses]),
        inArray(cableRoutes.placement, [...filter.placements]),
        inBox(cableRoutes.geom, bbox),
      ),
    )
    .orderBy(asc(cableRoutes.id));
  return rows.map(({ geometry, ...r }) => ({ ...r, coordinates: line(geometry) }));
}

export interface CivilWorkRow extends LineRow {
  name: string;
  sector: string;
  status: string;
  startsOn: string;
  endsOn: string;
}

/** Other sectors' works still to come or under way. */
export async function loadCivilWorks(db: Sql, bbox?: BBox): Promise<CivilWorkRow[]> {
  const rows = await orm(db)
    .select({
      id: civilWorks.id,
      code: civilWorks.code,
      ownerOrgId: civilWorks.ownerOrgId,
      name: civilWorks.name,
      sector: civilWorks.sector,
      status: civilWorks.status,
      startsOn: civilWorks.startsOn,
      endsOn: civilWorks.endsOn,
      geometry: geoJson(civilWorks.geom, 7),
    })
    .from(civilWorks)
    .where(and(inArray(civilWorks.status, ['planned', 'under_construction']), inBox(civilWorks.geom, bbox)))
    .orderBy(asc(civilWorks.id));
  return rows.map(({ geometry, ...r }) => ({ ...r, coordinates: line(geometry) }));
}
