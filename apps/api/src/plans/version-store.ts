import type { PlanVersionKind } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { notFound } from '../errors.js';
import { isUuid } from '../http/body.js';
import { versionLocked } from './plan-access.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface PlanVersion {
  id: string;
  planId: string;
  kind: PlanVersionKind;
  name: string;
  notes: string | null;
  parentVersionId: string | null;
  createdAt: string;
  createdBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  supersededAt: string | null;
  updatedAt: string;
  version: number;
  itemCount: number;
}

export const SELECT_VERSION = `SELECT v.id::text AS id, v.plan_id::text AS "planId", v.kind, v.name, v.notes,
    v.parent_version_id::text AS "parentVersionId", ${ts('v.created_at')} AS "createdAt", v.created_by::text AS "createdBy",
    ${ts('v.approved_at')} AS "approvedAt", v.approved_by::text AS "approvedBy", ${ts('v.superseded_at')} AS "supersededAt",
    ${ts('v.updated_at')} AS "updatedAt", v.version,
    (SELECT count(*)::int FROM plan_items i WHERE i.plan_version_id = v.id) AS "itemCount"
  FROM plan_versions v`;

export async function findVersion(sql: Sql, id: string, lock = false): Promise<PlanVersion | undefined> {
  if (!isUuid(id)) return undefined;
  if (lock) await sql.query('SELECT 1 FROM plan_versions WHERE id = $1 FOR UPDATE', [id]);
  const rows = await sql.query<PlanVersion>(`${SELECT_VERSION} WHERE v.id = $1`, [id]);
  return rows[0];
}

export function listVersions(sql: Sql, planId: string): Promise<PlanVersion[]> {
  return sql.query<PlanVersion>(`${SELECT_VERSION} WHERE v.plan_id = $1 ORDER BY v.created_at, v.id`, [
    planId,
  ]);
}

/**
 * Claims a draft for a change to its content, in the caller's transaction: bumps its version (so
 * an approval with a stale If-Match fails) and holds its row lock until commit, so an approval
 * cannot slip in between. 404 when missing, 409 VERSION_LOCKED when it is not a draft.
 */
export async function claimDraft(tx: Sql, versionId: string): Promise<{ planId: string }> {
  const rows = isUuid(versionId)
    ? await tx.query<{ planId: string }>(
        `UPDATE plan_versions SET version = version + 1, updated_at = now()
         WHERE id = $1 AND kind = 'draft' RETURNING plan_id::text AS "planId"`,
        [versionId],
      )
    : [];
  if (rows[0]) return rows[0];
  const version = await findVersion(tx, versionId);
  if (!version) throw notFound('Plan version');
  throw versionLocked(version.kind);
}

export interface NewVersion {
  planId: string;
  kind: 'baseline' | 'draft';
  name: string;
  notes: string | null;
  parentVersionId: string | null;
  createdBy: string | null;
}

export async function insertVersion(tx: Sql, v: NewVersion): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO plan_versions (id, plan_id, kind, name, notes, parent_version_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, v.planId, v.kind, v.name, v.notes, v.parentVersionId, v.createdBy],
  );
  return id;
}

const ITEM_COLUMNS = `kind, name, phase, status, responsible_org_id, notes, attributes, source_table, source_id,
  check_results, geom`;

/** Copies every item and version zone of `from` into `to` (one INSERT … SELECT each); item origins are kept. */
export async function copyContent(tx: Sql, from: string, to: string, userId: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO plan_items (id, plan_version_id, origin_id, ${ITEM_COLUMNS}, created_by, updated_by)
     SELECT gen_random_uuid(), $2, origin_id, ${ITEM_COLUMNS}, $3, $3 FROM plan_items WHERE plan_version_id = $1`,
    [from, to, userId],
  );
  await tx.query(
    `INSERT INTO plan_zones (id, plan_version_id, kind, name, rules, notes, geom, created_by, updated_by)
     SELECT gen_random_uuid(), $2, kind, name, rules, notes, geom, $3, $3 FROM plan_zones WHERE plan_version_id = $1`,
    [from, to, userId],
  );
}

/**
 * What the register holds, as baseline items: one INSERT … SELECT per asset table, public-tier
 * facts only (kind, place, status, owner as the responsible organisation, class, corridor width),
 * so a baseline never shows a viewer more than the asset map does. Decommissioned assets are left
 * out. Each item's origin is the asset's id, so baselines taken at different dates compare.
 * Poles, manholes and cable routes are not plan items on their own (pole lines and undergrounding
 * are drawn as plans), so they are not copied.
 */
const BASELINE_SOURCES: { table: string; kind: string; name: string; attributes: string }[] = [
  {
    table: 'towers',
    kind: `'tower_site'`,
    name: 'NULL',
    attributes: `jsonb_build_object('towerClass', s.tower_class)`,
  },
  { table: 'ducts', kind: `'duct_route'`, name: 'NULL', attributes: `'{}'::jsonb` },
  { table: 'trenches_tunnels', kind: 's.kind', name: 'NULL', attributes: `'{}'::jsonb` },
  {
    table: 'landing_stations',
    kind: `'landing_station'`,
    name: 's.name',
    attributes: `jsonb_build_object('protectionRadiusM', s.protection_radius_m)`,
  },
  {
    table: 'submarine_cables',
    kind: `'submarine_corridor'`,
    name: 's.name',
    attributes: `jsonb_build_object('protectionWidthM', s.corridor_width_m)`,
  },
  {
    table: 'wifi_points',
    kind: `'wifi_point'`,
    name: 's.name',
    attributes: `jsonb_build_object('siteType', s.site_type)`,
  },
];

export async function snapshotRegister(tx: Sql, versionId: string, userId: string | null): Promise<void> {
  for (const source of BASELINE_SOURCES) {
    await tx.query(
      `INSERT INTO plan_items (id, plan_version_id, origin_id, kind, name, phase, status, responsible_org_id,
         attributes, source_table, source_id, geom, created_by, updated_by)
       SELECT gen_random_uuid(), $1, s.id, ${source.kind}, ${source.name}, NULL,
         CASE s.status WHEN 'existing' THEN 'existing' WHEN 'planned' THEN 'planned' ELSE 'under_construction' END,
         s.owner_org_id, ${source.attributes}, '${source.table}', s.id, s.geom, $2, $2
       FROM ${source.table} s WHERE s.status <> 'decommissioned'`,
      [versionId, userId],
    );
  }
}
