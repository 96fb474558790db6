/**
 * The overhead cable cleanup campaign's rows (`undergrounding_campaign_segments`, migration 0016):
 * reading them as GeoJSON features (`[lng, lat]` WGS 84, lengths in metres), the summary by year,
 * inserting and updating. Callers hold the transaction and write the audit entry.
 */
import { createHash } from 'node:crypto';
import type { LngLat } from '@hatang/analysis';
import { type CampaignStatus, campaignStatus } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import {
  adminUnits,
  cableRoutes,
  organisations,
  undergroundingCampaignSegments as segments,
} from '@hatang/db/schema';
import { and, asc, count, eq, or, sql, sum } from 'drizzle-orm';
import { z } from 'zod';

const streetClassOf = z.enum(['primary', 'secondary', 'local']);

export interface CampaignSegmentProperties {
  id: string;
  /** Null when the cable route was since removed from the register. */
  cableRouteId: string | null;
  cableCode: string | null;
  ownerOrgId: string | null;
  ownerCode: string | null;
  ownerName: string | null;
  streetName: string | null;
  streetClass: 'primary' | 'secondary' | 'local' | null;
  unitCode: string | null;
  lengthM: number;
  plannedYear: number;
  status: CampaignStatus;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface CampaignSegment {
  type: 'Feature';
  id: string;
  geometry: { type: 'LineString'; coordinates: LngLat[] };
  properties: CampaignSegmentProperties;
}

/**
 * The key that makes "the same stretch" one row: its vertices rounded to 1e-6° (≈ 0.1 m),
 * hashed to 64 hex characters. Rounding absorbs the last digits lost in a JSON round trip.
 */
export function stretchKey(coordinates: readonly LngLat[]): string {
  const text = coordinates.map(([lng, lat]) => `${lng.toFixed(6)} ${lat.toFixed(6)}`).join(',');
  return createHash('sha256').update(text).digest('hex');
}

const segmentFields = {
  id: segments.id,
  cableRouteId: segments.cableRouteId,
  cableCode: cableRoutes.code,
  ownerOrgId: cableRoutes.ownerOrgId,
  ownerCode: organisations.code,
  ownerName: organisations.name,
  streetName: segments.streetName,
  streetClass: segments.streetClass,
  unitCode: segments.unitCode,
  lengthM: segments.lengthM,
  plannedYear: segments.plannedYear,
  status: segments.status,
  note: segments.note,
  version: segments.version,
  createdAt: segments.createdAt,
  updatedAt: segments.updatedAt,
  createdBy: segments.createdBy,
  updatedBy: segments.updatedBy,
  geometry: geoJson(segments.geom, 7),
};

const selectSegments = (db: Sql) =>
  orm(db)
    .select(segmentFields)
    .from(segments)
    .leftJoin(cableRoutes, eq(cableRoutes.id, segments.cableRouteId))
    .leftJoin(organisations, eq(organisations.id, cableRoutes.ownerOrgId));

/** A row of the select: the cable's columns are null once the cable route was removed. */
type SegmentRow = Awaited<ReturnType<typeof selectSegments>>[number];

/** The table's CHECK constraints hold the contract's values only; read as such. */
const toFeature = ({ geometry, ...r }: SegmentRow): CampaignSegment => ({
  type: 'Feature',
  id: r.id,
  geometry: { type: 'LineString', coordinates: geometry.coordinates as LngLat[] },
  properties: {
    ...r,
    streetClass: r.streetClass === null ? null : streetClassOf.parse(r.streetClass),
    status: campaignStatus.parse(r.status),
    lengthM: Math.round(r.lengthM * 10) / 10,
  },
});

export interface CampaignFilter {
  year?: number;
  status?: CampaignStatus;
  commune?: string;
}

const where = (filter: CampaignFilter) =>
  and(
    filter.year === undefined ? undefined : eq(segments.plannedYear, filter.year),
    filter.status === undefined ? undefined : eq(segments.status, filter.status),
    filter.commune === undefined ? undefined : eq(segments.unitCode, filter.commune),
  );

/** The campaign's stretches, by year, then street, then id. */
export async function listCampaign(db: Sql, filter: CampaignFilter): Promise<CampaignSegment[]> {
  const rows = await selectSegments(db)
    .where(where(filter))
    .orderBy(asc(segments.plannedYear), sql`${segments.streetName} NULLS LAST`, asc(segments.id));
  return rows.map(toFeature);
}

/** One stretch, or undefined; `lock` takes its row lock for an update. */
export async function findCampaignSegment(
  db: Sql,
  id: string,
  lock = false,
): Promise<CampaignSegment | undefined> {
  const query = selectSegments(db).where(eq(segments.id, id));
  const [row] = lock ? await query.for('update', { of: segments }) : await query;
  return row && toFeature(row);
}

export interface CampaignYear {
  year: number;
  segments: number;
  plannedM: number;
  inProgressM: number;
  doneM: number;
  totalM: number;
}

/** Metres planned / in progress / done per planned year (rounded to 0.1 m), years ascending. */
export async function campaignSummary(db: Sql, filter: { commune?: string }): Promise<CampaignYear[]> {
  const rows = await orm(db)
    .select({
      year: segments.plannedYear,
      status: segments.status,
      n: count(),
      m: sum(segments.lengthM).mapWith(Number),
    })
    .from(segments)
    .where(where(filter))
    .groupBy(segments.plannedYear, segments.status);
  const years = new Map<number, CampaignYear>();
  for (const r of rows) {
    const y = years.get(r.year) ?? {
      year: r.year,
      segments: 0,
      plannedM: 0,
      inProgressM: 0,
      doneM: 0,
      totalM: 0,
    };
    y.segments += r.n;
    y.totalM += r.m;
    if (r.status === 'planned') y.plannedM += r.m;
    else if (r.status === 'in_progress') y.inProgressM += r.m;
    else y.doneM += r.m;
    years.set(r.year, y);
  }
  const round = (m: number) => Math.round(m * 10) / 10;
  return [...years.values()]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({
      ...y,
      plannedM: round(y.plannedM),
      inProgressM: round(y.inProgressM),
      doneM: round(y.doneM),
      totalM: round(y.totalM),
    }));
}

export interface NewCampaignSegment {
  cableRouteId: string;
  coordinates: readonly LngLat[];
  streetName: string | null;
  streetClass: CampaignSegmentProperties['streetClass'];
  plannedYear: number;
  note: string | null;
}

/** Inserts a stretch (length measured on the ellipsoid, commune from its midpoint); returns its id. */
export async function insertCampaignSegment(
  tx: Sql,
  segment: NewCampaignSegment,
  userId: string | null,
): Promise<string> {
  const geom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'LineString', coordinates: segment.coordinates })}), 4326)`;
  const db = orm(tx);
  const unitCode = db
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(sql`ST_Intersects(${adminUnits.geom}, ST_LineInterpolatePoint(${geom}, 0.5))`)
    .orderBy(asc(adminUnits.code))
    .limit(1);
  const [row] = await db
    .insert(segments)
    .values({
      id: crypto.randomUUID(),
      cableRouteId: segment.cableRouteId,
      stretchKey: stretchKey(segment.coordinates),
      geom: { type: 'LineString', coordinates: segment.coordinates.map(([lng, lat]) => [lng, lat]) },
      streetName: segment.streetName,
      streetClass: segment.streetClass,
      unitCode: sql`(${unitCode})`,
      lengthM: sql`ST_Length(${geom}::geography)`,
      plannedYear: segment.plannedYear,
      note: segment.note,
      createdBy: userId,
      updatedBy: userId,
    })
    .returning({ id: segments.id });
  if (!row) throw new Error('the campaign stretch was not inserted');
  return row.id;
}

/** Keys (`cableRouteId:stretchKey`) of the stretches already in the campaign among `keys`. */
export async function existingStretches(
  db: Sql,
  keys: readonly { cableRouteId: string; key: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await orm(db)
    .select({ cableRouteId: segments.cableRouteId, key: segments.stretchKey })
    .from(segments)
    .where(
      or(...keys.map((k) => and(eq(segments.cableRouteId, k.cableRouteId), eq(segments.stretchKey, k.key)))),
    );
  return new Set(rows.map((r) => `${r.cableRouteId}:${r.key}`));
}

/** Writes status / year / note and bumps the version. */
export async function updateCampaignSegment(
  tx: Sql,
  id: string,
  change: { status: CampaignStatus; plannedYear: number; note: string | null },
  userId: string | null,
): Promise<void> {
  await orm(tx)
    .update(segments)
    .set({
      ...change,
      version: sql`${segments.version} + 1`,
      updatedAt: sql`now()`,
      updatedBy: userId,
    })
    .where(eq(segments.id, id));
}

/** Deletes a stretch (the caller holds its row lock and writes the audit entry). */
export async function deleteCampaignSegment(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(segments).where(eq(segments.id, id));
}
