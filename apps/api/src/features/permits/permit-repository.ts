/**
 * Permit applications' reads and writes (table `permit_applications`), with drizzle. Geometry is
 * WGS 84 `[lng, lat]`; the statutory clock (deadlineOf) counts in Vietnam time (UTC+7).
 */
import {
  type PermitApplicationBody,
  type PermitApplicationView,
  type PermitKind,
  type PermitStatus,
  permitApplication,
  permitCheckOutcome,
  permitKind,
  permitStatus,
} from '@hatang/contracts';
import { geoJson, orm, type RowOf, type Sql } from '@hatang/db';
import { permitApplications as a, adminUnits } from '@hatang/db/schema';
import { and, asc, desc, eq, ne, not, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isUuid } from '../../http/body.js';

/** A permit application as the API returns it; geometry WGS 84 `[lng, lat]`. */
export type PermitApplication = PermitApplicationBody;
export type { PermitApplicationView };
export type WorksGeometry = PermitApplication['geometry'];

/**
 * Who reads: `record` the stored application as it is (audit, conflicts, the decision document:
 * never the staff results); `staff` city staff (the full check results: the duplicate check
 * names other organisations' applications); `applicant` everyone else (the applicant's results,
 * and not which reviewer decided).
 */
type Reader = 'record' | 'staff' | 'applicant';

const fieldsFor = (reader: Reader) => ({
  id: a.id,
  kind: a.kind,
  status: a.status,
  applicantOrgId: a.applicantOrgId,
  adminUnitCode: a.adminUnitCode,
  title: a.title,
  details: a.details,
  justification: a.justification,
  siteOfferId: a.siteOfferId,
  reviewNote: a.reviewNote,
  conditions: a.conditions,
  checks: reader === 'staff' ? sql<unknown>`COALESCE(${a.staffChecks}, ${a.checks})` : a.checks,
  checkedAt: a.checkedAt,
  submittedAt: a.submittedAt,
  decidedAt: a.decidedAt,
  decidedBy: a.decidedBy,
  geometry: geoJson(a.geom, 7),
  version: a.version,
  createdBy: a.createdBy,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  decisionNumber: a.decisionNumber,
  assetResource: a.assetResource,
  assetId: a.assetId,
  assetIds: a.assetIds,
  checkConfigVersion: a.checkConfigVersion,
});
type ApplicationRow = RowOf<ReturnType<typeof fieldsFor>>;

const details = z.record(z.string(), z.unknown());
const conditions = z.array(z.string());
// Checks as stored: whatever else a check's result carries stays in the answer.
const storedChecks = z.array(permitCheckOutcome.loose()).nullable();
const assetResource = permitApplication.shape.asset.unwrap().shape.resource;

/** The jsonb and text columns hold what the API wrote (the contract's values); read as such. */
function toApplication(row: ApplicationRow, reader: Reader): PermitApplication {
  const { assetResource: resource, assetId, assetIds, ...r } = row;
  return {
    ...r,
    kind: permitKind.parse(r.kind),
    status: permitStatus.parse(r.status),
    details: details.parse(r.details),
    conditions: conditions.parse(r.conditions),
    checks: storedChecks.parse(r.checks),
    // Which reviewer decided is for city staff; the applicant sees the decision and its date.
    decidedBy: reader === 'applicant' ? null : r.decidedBy,
    geometry: permitApplication.shape.geometry.parse(r.geometry),
    asset:
      resource === null
        ? null
        : { resource: assetResource.parse(resource), id: assetId ?? assetIds[0] ?? '', ids: assetIds },
  };
}

export async function findApplication(
  db: Sql,
  id: string,
  lock = false,
): Promise<PermitApplication | undefined> {
  if (!isUuid(id)) return undefined;
  const query = orm(db).select(fieldsFor('record')).from(a).where(eq(a.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row && toApplication(row, 'record');
}

/** Who may see which applications in a list: all, one organisation's, or one commune's. */
export type ReadScope = { all: true } | { orgId: string } | { adminUnitCode: string | null };

export interface ListFilter {
  status?: PermitStatus;
  kind?: PermitKind;
  commune?: string;
  adminUnitCode?: string;
  overdue?: 'true' | 'false';
  sort: 'oldest' | 'newest';
  limit: number;
}

/** Vietnam's local date of a timestamp expression (UTC+7, no daylight saving). */
const localDate = (x: SQL) => sql`((${x}) AT TIME ZONE 'UTC' + interval '7 hours')::date`;

/**
 * The statutory clock of an application with a period of `periodDays`: the submission plus the
 * period in calendar days; a period ending on a Saturday or Sunday (Vietnam time) runs to the
 * Monday (legal: civil-code-2015, article not read; public holidays are not known here).
 */
function deadlineOf(periodDays: number) {
  const raw = sql`(${a.submittedAt} + make_interval(days => ${periodDays}::int))`;
  const dow = sql`extract(isodow FROM ${raw} AT TIME ZONE 'UTC' + interval '7 hours')`;
  const due = sql`(${raw} + CASE ${dow} WHEN 6 THEN interval '2 days' WHEN 7 THEN interval '1 day' ELSE interval '0' END)`;
  const overdue = sql<
    boolean | null
  >`(${a.status} = 'submitted' AND ${a.submittedAt} IS NOT NULL AND now() > ${due})`;
  return {
    overdue,
    fields: {
      /** Calendar days (Vietnam time) from the submission to the decision, or to today; null before submission. */
      daysElapsed: sql<number | null>`CASE WHEN ${a.submittedAt} IS NULL THEN NULL
        ELSE ${localDate(sql`COALESCE(${a.decidedAt}, now())`)} - ${localDate(sql`${a.submittedAt}`)} END`.mapWith(
        Number,
      ),
      /** When the statutory period ends; null before submission. */
      dueAt: sql<string | null>`${due}`.mapWith(a.submittedAt),
      overdue,
    },
  };
}

/** Applications with their statutory clock, as `staff` or not sees them. */
function selectViews(db: Sql, periodDays: number, staff: boolean) {
  const reader: Reader = staff ? 'staff' : 'applicant';
  const d = deadlineOf(periodDays);
  const query = orm(db)
    .select({ ...fieldsFor(reader), ...d.fields })
    .from(a);
  const toView = ({ daysElapsed, dueAt, overdue, ...row }: RowOf<typeof d.fields> & ApplicationRow) => ({
    ...toApplication(row, reader),
    daysElapsed,
    dueAt,
    overdue: overdue === true,
    statutoryPeriodDays: periodDays,
  });
  return { query, toView, overdue: d.overdue };
}

/** One application with its statutory clock. */
export async function findApplicationView(
  db: Sql,
  id: string,
  periodDays: number,
  staff = false,
): Promise<PermitApplicationView | undefined> {
  if (!isUuid(id)) return undefined;
  const { query, toView } = selectViews(db, periodDays, staff);
  const [row] = await query.where(eq(a.id, id));
  return row && toView(row);
}

/**
 * The list (the reviewers' queue): scoped, filtered, each with its statutory clock; `oldest`
 * puts the longest-waiting first (by submission, drafts last), `newest` the latest created first.
 */
export async function listApplications(
  db: Sql,
  scope: ReadScope,
  filter: ListFilter,
  periodDays: number,
  staff = false,
): Promise<PermitApplicationView[]> {
  const { query, toView, overdue } = selectViews(db, periodDays, staff);
  // An inspector without a commune reads none.
  const unitIs = (code: string | null) => (code === null ? sql`false` : eq(a.adminUnitCode, code));
  const conditions: (SQL | undefined)[] = [
    'orgId' in scope ? eq(a.applicantOrgId, scope.orgId) : undefined,
    'adminUnitCode' in scope ? unitIs(scope.adminUnitCode) : undefined,
    // Inspectors and reviewers see no drafts: an application exists for them once it is filed.
    !('orgId' in scope) && !('all' in scope) ? ne(a.status, 'draft') : undefined,
    filter.status ? eq(a.status, filter.status) : undefined,
    filter.kind ? eq(a.kind, filter.kind) : undefined,
    filter.commune ? eq(a.adminUnitCode, filter.commune) : undefined,
    filter.adminUnitCode ? eq(a.adminUnitCode, filter.adminUnitCode) : undefined,
    filter.overdue === 'true' ? overdue : undefined,
    filter.overdue === 'false' ? not(overdue) : undefined,
  ];
  const order =
    filter.sort === 'oldest'
      ? [sql`${a.submittedAt} ASC NULLS LAST`, asc(a.createdAt), asc(a.id)]
      : [desc(a.createdAt), asc(a.id)];
  const rows = await query
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit);
  return rows.map(toView);
}

export interface NewApplication {
  kind: PermitKind;
  applicantOrgId: string;
  title: string;
  details: unknown;
  justification: string | null;
  siteOfferId: string | null;
  geometry: WorksGeometry;
  createdBy: string | null;
}

const worksGeometry = (g: WorksGeometry): SQL =>
  sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

/** The commune of the works: the unit containing their first point, or null outside every unit. */
async function unitOfWorks(tx: Sql, g: WorksGeometry): Promise<string | null> {
  const [lng, lat] = g.type === 'Point' ? g.coordinates : (g.coordinates[0] ?? [Number.NaN, Number.NaN]);
  const [row] = await orm(tx)
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(sql`ST_Intersects(${adminUnits.geom}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))`)
    .orderBy(asc(adminUnits.code))
    .limit(1);
  return row?.code ?? null;
}

export async function insertApplication(tx: Sql, row: NewApplication): Promise<string> {
  const id = crypto.randomUUID();
  await orm(tx)
    .insert(a)
    .values({
      id,
      kind: row.kind,
      applicantOrgId: row.applicantOrgId,
      title: row.title,
      details: row.details,
      justification: row.justification,
      siteOfferId: row.siteOfferId,
      geom: worksGeometry(row.geometry),
      adminUnitCode: await unitOfWorks(tx, row.geometry),
      createdBy: row.createdBy,
    });
  return id;
}

/** Rewrites the applicant's fields and bumps the version (the caller checked status and If-Match). */
export async function updateApplicantFields(
  tx: Sql,
  id: string,
  row: Omit<NewApplication, 'kind' | 'applicantOrgId' | 'createdBy'>,
): Promise<void> {
  await orm(tx)
    .update(a)
    .set({
      title: row.title,
      details: row.details,
      justification: row.justification,
      siteOfferId: row.siteOfferId,
      geom: worksGeometry(row.geometry),
      adminUnitCode: await unitOfWorks(tx, row.geometry),
      version: sql`${a.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(a.id, id));
}

export interface StatusChange {
  status: PermitStatus;
  reviewNote?: string | null;
  conditions?: string[];
  submitted?: boolean;
  decidedBy?: string | null;
}

/** Moves an application to `status` (the caller checked the transition) and bumps its version. */
export async function setStatus(tx: Sql, id: string, change: StatusChange): Promise<void> {
  await orm(tx)
    .update(a)
    .set({
      status: change.status,
      ...(change.reviewNote !== undefined ? { reviewNote: change.reviewNote } : {}),
      ...(change.conditions !== undefined ? { conditions: change.conditions } : {}),
      ...(change.submitted ? { submittedAt: sql`now()` } : {}),
      ...(change.decidedBy !== undefined ? { decidedAt: sql`now()`, decidedBy: change.decidedBy } : {}),
      version: sql`${a.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(a.id, id));
}
