import {
  assetResources,
  type BBox,
  type LineStringGeometry,
  type PointGeometry,
  type ViolationAssetLink,
  type ViolationFeature,
  type ViolationKind,
  type ViolationStatus,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Principal } from '../auth/principal.js';
import { validationFailed } from '../errors.js';
import { assertMayRead } from '../features/permits/permit-access.js';
import { findApplication } from '../features/permits/permit-repository.js';
import { isUuid } from '../http/body.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface ViolationRow {
  id: string;
  kind: ViolationKind;
  status: ViolationStatus;
  description: string;
  adminUnitCode: string | null;
  assetResource: ViolationAssetLink['resource'] | null;
  assetId: string | null;
  permitApplicationId: string | null;
  responsibleOrgId: string | null;
  statusNote: string | null;
  reportedBy: string | null;
  reportedOrgId: string | null;
  notifiedAt: string | null;
  resolvedAt: string | null;
  escalatedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  geometry: PointGeometry | LineStringGeometry;
}

const SELECT_VIOLATION = `SELECT v.id::text AS id, v.kind, v.status, v.description, v.admin_unit_code AS "adminUnitCode",
    v.asset_resource AS "assetResource", v.asset_id::text AS "assetId",
    v.permit_application_id::text AS "permitApplicationId", v.responsible_org_id::text AS "responsibleOrgId",
    v.status_note AS "statusNote", v.reported_by::text AS "reportedBy", v.reported_org_id::text AS "reportedOrgId",
    ${ts('v.notified_at')} AS "notifiedAt", ${ts('v.resolved_at')} AS "resolvedAt",
    ${ts('v.escalated_at')} AS "escalatedAt", v.version, ${ts('v.created_at')} AS "createdAt",
    ${ts('v.updated_at')} AS "updatedAt", ST_AsGeoJSON(v.geom, 7)::jsonb AS geometry
  FROM violations v`;

/** A row as the API's GeoJSON Feature (geometry WGS 84 `[lng, lat]`). */
function toFeature(row: ViolationRow): ViolationFeature {
  const { id, geometry, assetResource, assetId, ...rest } = row;
  const parsedGeometry = typeof geometry === 'string' ? JSON.parse(geometry) : geometry;
  return {
    type: 'Feature',
    id,
    geometry: { type: parsedGeometry.type, coordinates: parsedGeometry.coordinates },
    properties: {
      ...rest,
      asset: assetResource && assetId ? { resource: assetResource, id: assetId } : null,
    },
  };
}

/** One violation (locked `FOR UPDATE` when `lock`), or undefined. */
export async function findViolation(
  sql: Sql,
  id: string,
  lock = false,
): Promise<ViolationFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<ViolationRow>(
    `${SELECT_VIOLATION} WHERE v.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toFeature(rows[0]) : undefined;
}

/** Which violations a user reads: all, one commune's, or those an organisation must put right. */
export type ViolationScope = { all: true } | { adminUnitCode: string | null } | { responsibleOrgId: string };

export interface ViolationFilter {
  status?: ViolationStatus;
  kind?: ViolationKind;
  adminUnitCode?: string;
  /** `[minLng, minLat, maxLng, maxLat]`, WGS 84. */
  bbox?: BBox;
  limit: number;
}

/** The violations in `scope` that match `filter`, newest first. */
export async function listViolations(
  sql: Sql,
  scope: ViolationScope,
  filter: ViolationFilter,
): Promise<ViolationFeature[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    let text = clause;
    for (const value of values) {
      params.push(value);
      text = text.replace('?', `$${params.length}`);
    }
    where.push(text);
  };
  if ('adminUnitCode' in scope) add('v.admin_unit_code = ?', scope.adminUnitCode);
  if ('responsibleOrgId' in scope) add('v.responsible_org_id = ?', scope.responsibleOrgId);
  if (filter.status) add('v.status = ?', filter.status);
  if (filter.kind) add('v.kind = ?', filter.kind);
  if (filter.adminUnitCode) add('v.admin_unit_code = ?', filter.adminUnitCode);
  if (filter.bbox) add('ST_Intersects(v.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))', ...filter.bbox);
  params.push(filter.limit);
  const rows = await sql.query<ViolationRow>(
    `${SELECT_VIOLATION} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY v.created_at DESC, v.id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toFeature);
}

/**
 * The linked asset's owner (or the permit applicant), who must put the violation right. A permit
 * application the recorder may not read (another commune's, a draft) is answered as unknown, so
 * linking cannot tell who filed an application one may not see.
 */
export async function responsibleOrgOf(
  tx: Sql,
  asset: ViolationAssetLink | null,
  permitApplicationId: string | null,
  /** Who links the application (checked when given; omit for a link already stored). */
  linkedBy?: { principal: Principal | undefined },
): Promise<string | null> {
  if (asset) {
    const table = assetResources.find((r) => r.path === asset.resource)?.table;
    const rows = table
      ? await tx.query<{ owner: string }>(`SELECT owner_org_id::text AS owner FROM ${table} WHERE id = $1`, [
          asset.id,
        ])
      : [];
    if (!rows[0])
      throw validationFailed([{ path: ['asset', 'id'], message: `no ${asset.resource} record has this id` }]);
    return rows[0].owner;
  }
  if (permitApplicationId) {
    const found = await findApplication(tx, permitApplicationId);
    let readable = !!found;
    try {
      if (linkedBy) assertMayRead(linkedBy.principal, found);
    } catch {
      readable = false;
    }
    if (!found || !readable)
      throw validationFailed([
        { path: ['permitApplicationId'], message: 'no permit application has this id' },
      ]);
    return found.applicantOrgId;
  }
  return null;
}

export interface NewViolation {
  kind: ViolationKind;
  description: string;
  geometry: PointGeometry | LineStringGeometry;
  asset: ViolationAssetLink | null;
  permitApplicationId: string | null;
  responsibleOrgId: string | null;
  reportedBy: string | null;
  reportedOrgId: string | null;
}

/** Inserts a report (status `reported`; the trigger derives its commune); returns its id. */
export async function insertViolation(tx: Sql, row: NewViolation): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO violations (id, kind, description, geom, asset_resource, asset_id, permit_application_id,
       responsible_org_id, reported_by, reported_org_id)
     VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326), $5, $6, $7, $8, $9, $10)`,
    [
      id,
      row.kind,
      row.description,
      JSON.stringify(row.geometry),
      row.asset?.resource ?? null,
      row.asset?.id ?? null,
      row.permitApplicationId,
      row.responsibleOrgId,
      row.reportedBy,
      row.reportedOrgId,
    ],
  );
  return id;
}

/** Rewrites the editable fields and bumps the version (the caller checked access and If-Match). */
export async function updateViolationFields(
  tx: Sql,
  id: string,
  row: Pick<NewViolation, 'kind' | 'description' | 'asset' | 'permitApplicationId' | 'responsibleOrgId'>,
): Promise<void> {
  await tx.query(
    `UPDATE violations SET kind = $2, description = $3, asset_resource = $4, asset_id = $5,
       permit_application_id = $6, responsible_org_id = $7, version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      id,
      row.kind,
      row.description,
      row.asset?.resource ?? null,
      row.asset?.id ?? null,
      row.permitApplicationId,
      row.responsibleOrgId,
    ],
  );
}

/** Moves a violation to `status` with the transition's note (the caller checked the machine). */
export async function setViolationStatus(
  tx: Sql,
  id: string,
  status: ViolationStatus,
  note: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE violations SET status = $2, status_note = $3,
       notified_at = CASE WHEN $2 = 'notified' THEN now() ELSE notified_at END,
       resolved_at = CASE WHEN $2 = 'resolved' THEN now() ELSE resolved_at END,
       escalated_at = CASE WHEN $2 = 'escalated' THEN now() ELSE escalated_at END,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [id, status, note],
  );
}

/** The admin unit's name, for messages; the code itself when unknown. */
export async function unitName(sql: Sql, code: string | null): Promise<string> {
  if (!code) return 'no commune of Hai Phong';
  const rows = await sql.query<{ name: string }>('SELECT name FROM admin_units WHERE code = $1', [code]);
  return rows[0] ? `${rows[0].name} (${code})` : code;
}
