import type { PlanZoneProperties, PolygonGeometry } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { isUuid } from '../http/body.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface PlanZoneFeature {
  type: 'Feature';
  id: string;
  geometry: PolygonGeometry;
  properties: PlanZoneProperties & { version: number; createdAt: string; updatedAt: string };
}

interface ZoneRow extends PlanZoneProperties {
  id: string;
  geometry: PolygonGeometry;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT_ZONE = `SELECT z.id::text AS id, ST_AsGeoJSON(z.geom, 7)::json AS geometry, z.kind, z.name,
    z.plan_version_id::text AS "planVersionId", z.rules, z.notes, z.version,
    ${ts('z.created_at')} AS "createdAt", ${ts('z.updated_at')} AS "updatedAt"
  FROM plan_zones z`;

const toFeature = ({ id, geometry, ...properties }: ZoneRow): PlanZoneFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties,
});

export async function findZone(sql: Sql, id: string, lock = false): Promise<PlanZoneFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<ZoneRow>(`${SELECT_ZONE} WHERE z.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toFeature(rows[0]) : undefined;
}

/** Global zones, plus the zones of `versionId` when given. */
export async function listZones(sql: Sql, versionId: string | null): Promise<PlanZoneFeature[]> {
  const rows = await sql.query<ZoneRow>(
    `${SELECT_ZONE} WHERE z.plan_version_id IS NULL OR z.plan_version_id = $1 ORDER BY z.created_at, z.id`,
    [versionId],
  );
  return rows.map(toFeature);
}

const GEOMETRY = 'ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326))';

export async function saveZone(
  tx: Sql,
  id: string,
  geometry: PolygonGeometry,
  p: PlanZoneProperties,
  userId: string | null,
  isNew: boolean,
): Promise<PlanZoneFeature> {
  const params = [
    id,
    p.planVersionId,
    p.kind,
    p.name,
    JSON.stringify(p.rules),
    p.notes,
    JSON.stringify(geometry),
    userId,
  ];
  if (isNew) {
    await tx.query(
      `INSERT INTO plan_zones (id, plan_version_id, kind, name, rules, notes, geom, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, ${GEOMETRY}, $8, $8)`,
      params,
    );
  } else {
    await tx.query(
      `UPDATE plan_zones SET plan_version_id = $2, kind = $3, name = $4, rules = $5::text::jsonb, notes = $6,
         geom = ${GEOMETRY}, updated_by = $8, version = version + 1, updated_at = now() WHERE id = $1`,
      params,
    );
  }
  const stored = await findZone(tx, id);
  if (!stored) throw new Error(`plan zone ${id} vanished after write`);
  return stored;
}
