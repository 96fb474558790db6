/**
 * The overhead cable cleanup campaign's rows (`undergrounding_campaign_segments`, migration 0016):
 * reading them as GeoJSON features (`[lng, lat]` WGS 84, lengths in metres), the summary by year,
 * inserting and updating. Callers hold the transaction and write the audit entry.
 */
import { createHash } from 'node:crypto';
import type { LngLat } from '@hatang/analysis';
import type { CampaignStatus } from '@hatang/contracts';
import type { Sql } from '@hatang/db';

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

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT = `
  SELECT s.id::text, s.cable_route_id::text AS cable_route_id, c.code AS cable_code,
         c.owner_org_id::text AS owner_org_id, o.code AS owner_code, o.name AS owner_name,
         s.street_name, s.street_class, s.unit_code, s.length_m, s.planned_year, s.status, s.note,
         s.version, ${iso('s.created_at')} AS created_at, ${iso('s.updated_at')} AS updated_at,
         s.created_by, s.updated_by, ST_AsGeoJSON(s.geom, 7)::text AS geometry
  FROM undergrounding_campaign_segments s
  LEFT JOIN cable_routes c ON c.id = s.cable_route_id
  LEFT JOIN organisations o ON o.id = c.owner_org_id`;

interface Row {
  id: string;
  cable_route_id: string | null;
  cable_code: string | null;
  owner_org_id: string | null;
  owner_code: string | null;
  owner_name: string | null;
  street_name: string | null;
  street_class: CampaignSegmentProperties['streetClass'];
  unit_code: string | null;
  length_m: number;
  planned_year: number;
  status: CampaignStatus;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  geometry: string;
}

function toFeature(r: Row): CampaignSegment {
  return {
    type: 'Feature',
    id: r.id,
    geometry: {
      type: 'LineString',
      coordinates: (JSON.parse(r.geometry) as { coordinates: LngLat[] }).coordinates,
    },
    properties: {
      id: r.id,
      cableRouteId: r.cable_route_id,
      cableCode: r.cable_code,
      ownerOrgId: r.owner_org_id,
      ownerCode: r.owner_code,
      ownerName: r.owner_name,
      streetName: r.street_name,
      streetClass: r.street_class,
      unitCode: r.unit_code,
      lengthM: Math.round(Number(r.length_m) * 10) / 10,
      plannedYear: Number(r.planned_year),
      status: r.status,
      note: r.note,
      version: Number(r.version),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      createdBy: r.created_by,
      updatedBy: r.updated_by,
    },
  };
}

export interface CampaignFilter {
  year?: number;
  status?: CampaignStatus;
  commune?: string;
}

function where(filter: CampaignFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.year !== undefined) {
    params.push(filter.year);
    clauses.push(`s.planned_year = $${params.length}`);
  }
  if (filter.status !== undefined) {
    params.push(filter.status);
    clauses.push(`s.status = $${params.length}`);
  }
  if (filter.commune !== undefined) {
    params.push(filter.commune);
    clauses.push(`s.unit_code = $${params.length}`);
  }
  return { sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The campaign's stretches, by year, then street, then id. */
export async function listCampaign(sql: Sql, filter: CampaignFilter): Promise<CampaignSegment[]> {
  const w = where(filter);
  const rows = await sql.query<Row>(
    `${SELECT}${w.sql} ORDER BY s.planned_year, s.street_name NULLS LAST, s.id`,
    w.params,
  );
  return rows.map(toFeature);
}

/** One stretch, or undefined; `lock` takes its row lock for an update. */
export async function findCampaignSegment(
  sql: Sql,
  id: string,
  lock = false,
): Promise<CampaignSegment | undefined> {
  const rows = await sql.query<Row>(`${SELECT} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]);
  return rows[0] ? toFeature(rows[0]) : undefined;
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
export async function campaignSummary(sql: Sql, filter: { commune?: string }): Promise<CampaignYear[]> {
  const w = where(filter);
  const rows = await sql.query<{ year: number; status: CampaignStatus; n: number; m: number }>(
    `SELECT s.planned_year AS year, s.status, count(*)::int AS n, sum(s.length_m) AS m
     FROM undergrounding_campaign_segments s${w.sql} GROUP BY s.planned_year, s.status`,
    w.params,
  );
  const years = new Map<number, CampaignYear>();
  for (const r of rows) {
    const year = Number(r.year);
    const y = years.get(year) ?? { year, segments: 0, plannedM: 0, inProgressM: 0, doneM: 0, totalM: 0 };
    const m = Number(r.m);
    y.segments += Number(r.n);
    y.totalM += m;
    if (r.status === 'planned') y.plannedM += m;
    else if (r.status === 'in_progress') y.inProgressM += m;
    else y.doneM += m;
    years.set(year, y);
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
  const id = crypto.randomUUID();
  const geometry = JSON.stringify({ type: 'LineString', coordinates: segment.coordinates });
  await tx.query(
    `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4326) AS geom)
     INSERT INTO undergrounding_campaign_segments (id, cable_route_id, stretch_key, geom, street_name,
       street_class, unit_code, length_m, planned_year, note, created_by, updated_by)
     SELECT $1, $2, $4, g.geom, $5, $6,
       (SELECT u.code FROM admin_units u WHERE ST_Intersects(u.geom, ST_LineInterpolatePoint(g.geom, 0.5))
        ORDER BY u.code LIMIT 1),
       ST_Length(g.geom::geography), $7, $8, $9, $9
     FROM g`,
    [
      id,
      segment.cableRouteId,
      geometry,
      stretchKey(segment.coordinates),
      segment.streetName,
      segment.streetClass,
      segment.plannedYear,
      segment.note,
      userId,
    ],
  );
  return id;
}

/** Ids of stretches already in the campaign among `keys` (cable route id + stretch key). */
export async function existingStretches(
  sql: Sql,
  keys: readonly { cableRouteId: string; key: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await sql.query<{ k: string }>(
    `SELECT cable_route_id::text || ':' || stretch_key AS k FROM undergrounding_campaign_segments
     WHERE cable_route_id::text || ':' || stretch_key = ANY($1::text[])`,
    [`{${keys.map((k) => `${k.cableRouteId}:${k.key}`).join(',')}}`],
  );
  return new Set(rows.map((r) => r.k));
}

/** Writes status / year / note and bumps the version. */
export async function updateCampaignSegment(
  tx: Sql,
  id: string,
  change: { status: CampaignStatus; plannedYear: number; note: string | null },
  userId: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE undergrounding_campaign_segments
     SET status = $2, planned_year = $3, note = $4, version = version + 1, updated_at = now(), updated_by = $5
     WHERE id = $1`,
    [id, change.status, change.plannedYear, change.note, userId],
  );
}
