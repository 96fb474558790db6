import type { Geometry, PlanCheckResult, PlanItemProperties, PlanVersionKind } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { isUuid } from '../http/body.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface ItemRow extends PlanItemProperties {
  id: string;
  geometry: Geometry;
  planVersionId: string;
  versionKind: PlanVersionKind;
  originId: string;
  sourceTable: string | null;
  sourceId: string | null;
  checkResults: PlanCheckResult[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A plan item as the API returns it: a GeoJSON Feature. */
export interface PlanItemFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: PlanItemProperties & {
    planVersionId: string;
    originId: string;
    sourceTable: string | null;
    sourceId: string | null;
    checkResults: PlanCheckResult[];
    version: number;
    createdAt: string;
    updatedAt: string;
  };
}

export const SELECT_ITEM = `SELECT i.id::text AS id, ST_AsGeoJSON(i.geom, 7)::json AS geometry,
    i.plan_version_id::text AS "planVersionId", v.kind AS "versionKind", i.origin_id::text AS "originId",
    i.kind, i.name, i.phase, i.status, i.responsible_org_id::text AS "responsibleOrgId", i.notes, i.attributes,
    i.source_table AS "sourceTable", i.source_id::text AS "sourceId", i.check_results AS "checkResults",
    i.version, ${ts('i.created_at')} AS "createdAt", ${ts('i.updated_at')} AS "updatedAt"
  FROM plan_items i JOIN plan_versions v ON v.id = i.plan_version_id`;

export function toItemFeature(row: ItemRow): PlanItemFeature {
  const { id, geometry, versionKind: _kind, ...properties } = row;
  return { type: 'Feature', id, geometry, properties };
}

export async function findItem(
  sql: Sql,
  id: string,
  lock = false,
): Promise<{ feature: PlanItemFeature; versionKind: PlanVersionKind } | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<ItemRow>(`${SELECT_ITEM} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`, [
    id,
  ]);
  const row = rows[0];
  return row ? { feature: toItemFeature(row), versionKind: row.versionKind } : undefined;
}

export async function listItems(
  sql: Sql,
  versionId: string,
  where: string[] = [],
  params: unknown[] = [],
): Promise<PlanItemFeature[]> {
  const rows = await sql.query<ItemRow>(
    `${SELECT_ITEM} WHERE i.plan_version_id = $1${where.map((w) => ` AND ${w}`).join('')} ORDER BY i.origin_id`,
    [versionId, ...params],
  );
  return rows.map(toItemFeature);
}

const GEOMETRY = (n: number) => `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($${n}), 4326))`;

export async function insertItem(
  tx: Sql,
  versionId: string,
  geometry: Geometry,
  properties: PlanItemProperties,
  checks: PlanCheckResult[],
  userId: string | null,
  /** For a restore of a deleted item: its id, origin and the version it comes back at. */
  revived?: { id: string; originId: string; version: number },
): Promise<PlanItemFeature> {
  const id = revived?.id ?? crypto.randomUUID();
  await tx.query(
    `INSERT INTO plan_items (id, plan_version_id, origin_id, kind, name, phase, status, responsible_org_id, notes,
       attributes, check_results, geom, created_by, updated_by, version)
     VALUES ($1, $2, $13, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10::text::jsonb, ${GEOMETRY(11)}, $12, $12, $14)`,
    [
      id,
      versionId,
      properties.kind,
      properties.name,
      properties.phase,
      properties.status,
      properties.responsibleOrgId,
      properties.notes,
      JSON.stringify(properties.attributes),
      JSON.stringify(checks),
      JSON.stringify(geometry),
      userId,
      revived?.originId ?? id,
      revived?.version ?? 1,
    ],
  );
  const stored = await findItem(tx, id);
  if (!stored) throw new Error(`plan item ${id} vanished after insert`);
  return stored.feature;
}

export async function updateItem(
  tx: Sql,
  id: string,
  geometry: Geometry,
  properties: PlanItemProperties,
  checks: PlanCheckResult[],
  userId: string | null,
): Promise<PlanItemFeature> {
  await tx.query(
    `UPDATE plan_items SET name = $2, phase = $3, status = $4, responsible_org_id = $5, notes = $6,
       attributes = $7::text::jsonb, check_results = $8::text::jsonb, geom = ${GEOMETRY(9)}, updated_by = $10,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      id,
      properties.name,
      properties.phase,
      properties.status,
      properties.responsibleOrgId,
      properties.notes,
      JSON.stringify(properties.attributes),
      JSON.stringify(checks),
      JSON.stringify(geometry),
      userId,
    ],
  );
  const stored = await findItem(tx, id);
  if (!stored) throw new Error(`plan item ${id} vanished after update`);
  return stored.feature;
}

/** The writable properties of a stored item (what a patch merges into). */
export function writableItemProperties(feature: PlanItemFeature): PlanItemProperties {
  const { kind, name, phase, status, responsibleOrgId, notes, attributes } = feature.properties;
  return { kind, name, phase, status, responsibleOrgId, notes, attributes };
}
