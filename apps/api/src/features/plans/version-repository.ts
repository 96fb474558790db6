/**
 * Plan versions' reads and writes (table `plan_versions`), with the copies a version is made of:
 * a fork copies a version's items and zones, a baseline snapshots the register.
 */
import { type PlanVersion, type PlanVersionKind, planVersionKind } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import {
  ducts,
  landingStations,
  planItems,
  planVersions,
  planZones,
  submarineCables,
  towers,
  trenchesTunnels,
  wifiPoints,
} from '@hatang/db/schema';
import { and, asc, eq, getTableName, ne, type SQL, sql } from 'drizzle-orm';
import { notFound } from '../../errors.js';
import { isUuid } from '../../http/body.js';
import { versionLocked } from './plan-access.js';

export type { PlanVersion } from '@hatang/contracts';

/**
 * `plan_versions.id` written out with its table: drizzle drops the table from the columns of a
 * one-table select's fields, and inside the item count's subquery a bare `id` is the item's.
 */
const outerVersionId = sql`${sql.identifier(getTableName(planVersions))}.${sql.identifier(planVersions.id.name)}`;

const versionFields = {
  id: planVersions.id,
  planId: planVersions.planId,
  kind: planVersions.kind,
  name: planVersions.name,
  notes: planVersions.notes,
  parentVersionId: planVersions.parentVersionId,
  createdAt: planVersions.createdAt,
  createdBy: planVersions.createdBy,
  approvedAt: planVersions.approvedAt,
  approvedBy: planVersions.approvedBy,
  supersededAt: planVersions.supersededAt,
  updatedAt: planVersions.updatedAt,
  version: planVersions.version,
  itemCount:
    sql<number>`(SELECT count(*)::int FROM ${planItems} WHERE ${planItems.planVersionId} = ${outerVersionId})`.mapWith(
      Number,
    ),
};

/** The table's kind column holds the contract's values only (its CHECK constraint). */
const toVersion = (row: RowOf<typeof versionFields>): PlanVersion => ({
  ...row,
  kind: planVersionKind.parse(row.kind),
});

/** The version, or undefined (for an id that is no UUID too); `lock` holds its row for an update. */
export async function findVersion(sql: Sql, id: string, lock = false): Promise<PlanVersion | undefined> {
  if (!isUuid(id)) return undefined;
  const query = orm(sql).select(versionFields).from(planVersions).where(eq(planVersions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row && toVersion(row);
}

/** A plan's versions, oldest first. */
export async function listVersions(sql: Sql, planId: string): Promise<PlanVersion[]> {
  const rows = await orm(sql)
    .select(versionFields)
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.createdAt), asc(planVersions.id));
  return rows.map(toVersion);
}

const bump = () => ({ version: sql`${planVersions.version} + 1`, updatedAt: sql`now()` });

/**
 * Claims a draft for a change to its content, in the caller's transaction: bumps its version (so
 * an approval with a stale If-Match fails) and holds its row lock until commit, so an approval
 * cannot slip in between. 404 when missing, 409 VERSION_LOCKED when it is not a draft.
 */
export async function claimDraft(tx: Sql, versionId: string): Promise<{ planId: string }> {
  const [claimed] = isUuid(versionId)
    ? await orm(tx)
        .update(planVersions)
        .set(bump())
        .where(and(eq(planVersions.id, versionId), eq(planVersions.kind, 'draft')))
        .returning({ planId: planVersions.planId })
    : [];
  if (claimed) return claimed;
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
  await orm(tx)
    .insert(planVersions)
    .values({ id, ...v });
  return id;
}

/** A draft's new name and/or notes (an absent one is kept), bumping its version. */
export async function updateVersionText(
  tx: Sql,
  id: string,
  change: { name?: string | undefined; notes?: string | null | undefined },
): Promise<void> {
  await orm(tx)
    .update(planVersions)
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.notes !== undefined ? { notes: change.notes } : {}),
      ...bump(),
    })
    .where(eq(planVersions.id, id));
}

export async function deleteVersion(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(planVersions).where(eq(planVersions.id, id));
}

/** The ids of a plan's approved versions (one at most), locked for the approval's transaction. */
export async function lockApprovedVersions(tx: Sql, planId: string): Promise<string[]> {
  const rows = await orm(tx)
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.kind, 'approved')))
    .for('update');
  return rows.map((r) => r.id);
}

/** Turns a version into `kind` (approved: by `userId`; superseded), bumping its version. */
export async function setVersionKind(
  tx: Sql,
  id: string,
  kind: Extract<PlanVersionKind, 'approved' | 'superseded'>,
  userId: string | null,
): Promise<void> {
  const stamp =
    kind === 'approved' ? { approvedAt: sql`now()`, approvedBy: userId } : { supersededAt: sql`now()` };
  await orm(tx)
    .update(planVersions)
    .set({ kind, ...stamp, ...bump() })
    .where(eq(planVersions.id, id));
}

/** Fresh row metadata for an INSERT … SELECT (which takes every column, in the table's order). */
const fresh = (userId: string | null) => ({
  version: sql`1`.as('version'),
  createdAt: sql`now()`.as('created_at'),
  updatedAt: sql`now()`.as('updated_at'),
  createdBy: sql`${userId}::uuid`.as('created_by'),
  updatedBy: sql`${userId}::uuid`.as('updated_by'),
});
const newId = () => sql`gen_random_uuid()`.as('id');
const inVersion = (versionId: string) => sql`${versionId}::uuid`.as('plan_version_id');

/** Copies every item and version zone of `from` into `to` (one INSERT … SELECT each); item origins are kept. */
export async function copyContent(tx: Sql, from: string, to: string, userId: string | null): Promise<void> {
  const db = orm(tx);
  await db.insert(planItems).select(
    db
      .select({
        id: newId(),
        planVersionId: inVersion(to),
        originId: planItems.originId,
        kind: planItems.kind,
        name: planItems.name,
        phase: planItems.phase,
        status: planItems.status,
        responsibleOrgId: planItems.responsibleOrgId,
        notes: planItems.notes,
        attributes: planItems.attributes,
        sourceTable: planItems.sourceTable,
        sourceId: planItems.sourceId,
        checkResults: planItems.checkResults,
        geom: planItems.geom,
        ...fresh(userId),
      })
      .from(planItems)
      .where(eq(planItems.planVersionId, from)),
  );
  await db.insert(planZones).select(
    db
      .select({
        id: newId(),
        planVersionId: inVersion(to),
        kind: planZones.kind,
        name: planZones.name,
        rules: planZones.rules,
        notes: planZones.notes,
        geom: planZones.geom,
        ...fresh(userId),
      })
      .from(planZones)
      .where(eq(planZones.planVersionId, from)),
  );
}

type AssetTable =
  | typeof towers
  | typeof ducts
  | typeof trenchesTunnels
  | typeof landingStations
  | typeof submarineCables
  | typeof wifiPoints;

/**
 * What the register holds, as baseline items: one INSERT … SELECT per asset table, public-tier
 * facts only (kind, place, status, owner as the responsible organisation, class, corridor width),
 * so a baseline never shows a viewer more than the asset map does. Decommissioned assets are left
 * out. Each item's origin is the asset's id, so baselines taken at different dates compare.
 * Poles, manholes and cable routes are not plan items on their own (pole lines and undergrounding
 * are drawn as plans), so they are not copied.
 */
const BASELINE_SOURCES: { table: AssetTable; name: string; kind: SQL; itemName: SQL; attributes: SQL }[] = [
  {
    table: towers,
    name: 'towers',
    kind: sql`'tower_site'`,
    itemName: sql`NULL`,
    attributes: sql`jsonb_build_object('towerClass', ${towers.towerClass})`,
  },
  { table: ducts, name: 'ducts', kind: sql`'duct_route'`, itemName: sql`NULL`, attributes: sql`'{}'::jsonb` },
  {
    table: trenchesTunnels,
    name: 'trenches_tunnels',
    kind: sql`${trenchesTunnels.kind}`,
    itemName: sql`NULL`,
    attributes: sql`'{}'::jsonb`,
  },
  {
    table: landingStations,
    name: 'landing_stations',
    kind: sql`'landing_station'`,
    itemName: sql`${landingStations.name}`,
    attributes: sql`jsonb_build_object('protectionRadiusM', ${landingStations.protectionRadiusM})`,
  },
  {
    table: submarineCables,
    name: 'submarine_cables',
    kind: sql`'submarine_corridor'`,
    itemName: sql`${submarineCables.name}`,
    attributes: sql`jsonb_build_object('protectionWidthM', ${submarineCables.corridorWidthM})`,
  },
  {
    table: wifiPoints,
    name: 'wifi_points',
    kind: sql`'wifi_point'`,
    itemName: sql`${wifiPoints.name}`,
    attributes: sql`jsonb_build_object('siteType', ${wifiPoints.siteType})`,
  },
];

export async function snapshotRegister(tx: Sql, versionId: string, userId: string | null): Promise<void> {
  const db = orm(tx);
  for (const source of BASELINE_SOURCES) {
    const s = source.table;
    await db.insert(planItems).select(
      db
        .select({
          id: newId(),
          planVersionId: inVersion(versionId),
          originId: s.id,
          kind: source.kind.as('kind'),
          name: source.itemName.as('name'),
          phase: sql`NULL`.as('phase'),
          status:
            sql`CASE ${s.status} WHEN 'existing' THEN 'existing' WHEN 'planned' THEN 'planned' ELSE 'under_construction' END`.as(
              'status',
            ),
          responsibleOrgId: s.ownerOrgId,
          notes: sql`NULL`.as('notes'),
          attributes: source.attributes.as('attributes'),
          sourceTable: sql`${source.name}`.as('source_table'),
          sourceId: s.id,
          checkResults: sql`'[]'::jsonb`.as('check_results'),
          geom: s.geom,
          ...fresh(userId),
        })
        .from(s)
        .where(ne(s.status, 'decommissioned')),
    );
  }
}
