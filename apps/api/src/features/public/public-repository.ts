/**
 * The public page's reads: the approved plan version and its own items (public columns only),
 * the undergrounding campaign's metres per commune, year and status, and cheap fingerprints of
 * what each answer depends on (the caches' keys). Nothing here reads a user, an organisation's
 * id, a note or a cost.
 */
import {
  PUBLIC_PLAN_ITEM_LIMIT,
  type PublicPlanItem,
  planGeometryOutput,
  planItemKind,
  planItemStatus,
  planPhase,
} from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import {
  adminUnits,
  planItems,
  plans,
  planTaskReports,
  planTasks,
  planVersions,
  undergroundingCampaignSegments as segments,
} from '@hatang/db/schema';
import { and, asc, count, desc, eq, isNull, sql, sum } from 'drizzle-orm';

/** The version in force: the most recently approved one (of any plan), with its plan. */
export async function findApprovedVersion(db: Sql) {
  const [row] = await orm(db)
    .select({
      id: planVersions.id,
      name: planVersions.name,
      version: planVersions.version,
      kind: planVersions.kind,
      approvedAt: planVersions.approvedAt,
      planName: plans.name,
      horizonYear: plans.horizonYear,
      visionYear: plans.visionYear,
    })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .where(eq(planVersions.kind, 'approved'))
    .orderBy(sql`${planVersions.approvedAt} DESC NULLS LAST`, desc(planVersions.id))
    .limit(1);
  return row;
}
export type ApprovedVersion = NonNullable<Awaited<ReturnType<typeof findApprovedVersion>>>;

/** The approved version's fingerprint ("none" without one): its id and content version. */
export const approvedKey = (version: ApprovedVersion | undefined) =>
  version ? `${version.id}:${version.version}` : 'none';

/** The version's own items (not its copies of the register), at most the public limit. */
export async function listPublicItems(db: Sql, versionId: string): Promise<PublicPlanItem[]> {
  const rows = await orm(db)
    .select({
      id: planItems.id,
      geometry: geoJson(planItems.geom, 6),
      kind: planItems.kind,
      name: planItems.name,
      phase: planItems.phase,
      status: planItems.status,
    })
    .from(planItems)
    .where(and(eq(planItems.planVersionId, versionId), isNull(planItems.sourceId)))
    .orderBy(asc(planItems.originId))
    .limit(PUBLIC_PLAN_ITEM_LIMIT);
  return rows.map((r) => ({
    type: 'Feature',
    id: r.id,
    geometry: planGeometryOutput.parse(r.geometry),
    properties: {
      kind: planItemKind.parse(r.kind),
      name: r.name,
      phase: planPhase.nullable().parse(r.phase),
      status: planItemStatus.parse(r.status),
    },
  }));
}

/** How many of the version's own items there are, by kind. */
export async function countPublicItems(db: Sql, versionId: string): Promise<Record<string, number>> {
  const rows = await orm(db)
    .select({ kind: planItems.kind, n: count() })
    .from(planItems)
    .where(and(eq(planItems.planVersionId, versionId), isNull(planItems.sourceId)))
    .groupBy(planItems.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** The communes' codes, names and kinds, by code. */
export function listUnits(db: Sql) {
  return orm(db)
    .select({ code: adminUnits.code, name: adminUnits.name, unitType: adminUnits.unitType })
    .from(adminUnits)
    .orderBy(asc(adminUnits.code));
}

/** Campaign metres by commune (null: none recorded), planned year and status. */
export function campaignMetres(db: Sql) {
  return orm(db)
    .select({
      unitCode: segments.unitCode,
      year: segments.plannedYear,
      status: segments.status,
      n: count(),
      m: sum(segments.lengthM).mapWith(Number),
    })
    .from(segments)
    .groupBy(segments.unitCode, segments.plannedYear, segments.status);
}

/** The campaign's fingerprint: rows, newest change, sum of record versions. */
export async function campaignKey(db: Sql): Promise<string> {
  const [row] = await orm(db)
    .select({
      key: sql<string>`count(*) || ':' || coalesce(max(${segments.updatedAt})::text, '') || ':' || coalesce(sum(${segments.version}), 0)`,
    })
    .from(segments);
  return String(row?.key ?? '');
}

/** The task register's fingerprint: tasks, reports and the newest report (overdue follows the date). */
export async function tasksKey(db: Sql): Promise<string> {
  const [tasks] = await orm(db).select({ n: count() }).from(planTasks);
  const [reports] = await orm(db)
    .select({ key: sql<string>`count(*) || ':' || coalesce(max(${planTaskReports.reportedAt})::text, '')` })
    .from(planTaskReports);
  return `${tasks?.n ?? 0}/${String(reports?.key ?? '')}`;
}
