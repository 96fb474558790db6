import type { PermitApplicationBody, PermitKind, PermitStatus } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { isUuid } from '../../http/body.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A permit application as the API returns it; geometry WGS 84 `[lng, lat]`. */
export type PermitApplication = PermitApplicationBody;

export const SELECT_APPLICATION = `SELECT a.id::text AS id, a.kind, a.status, a.applicant_org_id::text AS "applicantOrgId",
    a.admin_unit_code AS "adminUnitCode", a.title, a.details, a.justification, a.site_offer_id::text AS "siteOfferId",
    a.review_note AS "reviewNote", a.conditions, a.checks, ${ts('a.checked_at')} AS "checkedAt",
    ${ts('a.submitted_at')} AS "submittedAt", ${ts('a.decided_at')} AS "decidedAt", a.decided_by::text AS "decidedBy",
    ST_AsGeoJSON(a.geom, 7)::jsonb AS geometry, a.version, a.created_by::text AS "createdBy",
    ${ts('a.created_at')} AS "createdAt", ${ts('a.updated_at')} AS "updatedAt",
    a.decision_number AS "decisionNumber",
    CASE WHEN a.asset_resource IS NULL THEN NULL ELSE jsonb_build_object('resource', a.asset_resource,
      'id', a.asset_id::text, 'ids', to_jsonb(a.asset_ids::text[])) END AS asset,
    a.check_config_version AS "checkConfigVersion"
  FROM permit_applications a`;

/**
 * SELECT_APPLICATION for the viewer: city staff (`staff`) get the full check results (the
 * duplicate check names other organisations' applications) and who decided, everyone else the
 * applicant's view.
 * Every other reader (audit, conflicts, the decision document) uses SELECT_APPLICATION and so
 * never carries the staff results.
 */
const selectFor = (staff: boolean) =>
  staff
    ? SELECT_APPLICATION.replace(' a.checks,', ' COALESCE(a.staff_checks, a.checks) AS checks,')
    : // Which reviewer decided is for city staff; the applicant sees the decision and its date.
      SELECT_APPLICATION.replace(' a.decided_by::text AS "decidedBy",', ' NULL::text AS "decidedBy",');

export async function findApplication(
  sql: Sql,
  id: string,
  lock = false,
): Promise<PermitApplication | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<PermitApplication>(
    `${SELECT_APPLICATION} WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
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

/** The statutory clock of an application (see deadlineSql). */
export interface Deadline {
  /** Calendar days (Vietnam time) from the submission to the decision, or to today; null before submission. */
  daysElapsed: number | null;
  /** When the statutory period ends (ISO timestamp); null before submission. */
  dueAt: string | null;
  /** Awaiting a decision (submitted) past `dueAt`. */
  overdue: boolean;
  /** The statutory period the deadline counts, days. */
  statutoryPeriodDays: number;
}
export type PermitApplicationView = PermitApplication & Deadline;

/** Vietnam's local date of a timestamp expression (UTC+7, no daylight saving). */
const localDate = (x: string) => `((${x}) AT TIME ZONE 'UTC' + interval '7 hours')::date`;

/**
 * The deadline in SQL, `$p` being the statutory period in days: the submission plus the period in
 * calendar days; a period ending on a Saturday or Sunday (Vietnam time) runs to the Monday
 * (Civil Code 2015 art. 148(5); public holidays are not known here).
 */
function deadlineSql(p: string) {
  const raw = `(a.submitted_at + make_interval(days => ${p}))`;
  const dow = `extract(isodow FROM ${raw} AT TIME ZONE 'UTC' + interval '7 hours')`;
  const due = `(${raw} + CASE ${dow} WHEN 6 THEN interval '2 days' WHEN 7 THEN interval '1 day' ELSE interval '0' END)`;
  return {
    due,
    overdue: `(a.status = 'submitted' AND a.submitted_at IS NOT NULL AND now() > ${due})`,
    select: `CASE WHEN a.submitted_at IS NULL THEN NULL
        ELSE ${localDate('COALESCE(a.decided_at, now())')} - ${localDate('a.submitted_at')} END AS "daysElapsed",
      ${ts(due)} AS "dueAt", ${p}::int AS "statutoryPeriodDays"`,
  };
}

function withOverdue(rows: (PermitApplication & Omit<Deadline, 'overdue'> & { overdue: boolean | null })[]) {
  return rows.map((r) => ({ ...r, overdue: r.overdue === true })) as PermitApplicationView[];
}

/** One application with its statutory clock. */
export async function findApplicationView(
  sql: Sql,
  id: string,
  periodDays: number,
  staff = false,
): Promise<PermitApplicationView | undefined> {
  if (!isUuid(id)) return undefined;
  const d = deadlineSql('$2');
  const rows = await sql.query<PermitApplication & Omit<Deadline, 'overdue'> & { overdue: boolean | null }>(
    `${selectFor(staff).replace(' FROM permit_applications a', `, ${d.select}, ${d.overdue} AS overdue FROM permit_applications a`)}
     WHERE a.id = $1`,
    [id, periodDays],
  );
  return withOverdue(rows)[0];
}

/**
 * The list (the reviewers' queue): scoped, filtered, each with its statutory clock; `oldest`
 * puts the longest-waiting first (by submission, drafts last), `newest` the latest created first.
 */
export async function listApplications(
  sql: Sql,
  scope: ReadScope,
  filter: ListFilter,
  periodDays: number,
  staff = false,
): Promise<PermitApplicationView[]> {
  const params: unknown[] = [periodDays];
  const where: string[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  const d = deadlineSql('$1');
  if ('orgId' in scope) add('a.applicant_org_id = ?', scope.orgId);
  if ('adminUnitCode' in scope) add('a.admin_unit_code = ?', scope.adminUnitCode);
  // Inspectors and reviewers see no drafts: an application exists for them once it is filed.
  if (!('orgId' in scope) && !('all' in scope)) where.push(`a.status <> 'draft'`);
  if (filter.status) add('a.status = ?', filter.status);
  if (filter.kind) add('a.kind = ?', filter.kind);
  if (filter.commune) add('a.admin_unit_code = ?', filter.commune);
  if (filter.adminUnitCode) add('a.admin_unit_code = ?', filter.adminUnitCode);
  if (filter.overdue === 'true') where.push(d.overdue);
  if (filter.overdue === 'false') where.push(`NOT ${d.overdue}`);
  params.push(filter.limit);
  const order =
    filter.sort === 'oldest'
      ? 'a.submitted_at ASC NULLS LAST, a.created_at ASC, a.id'
      : 'a.created_at DESC, a.id';
  const rows = await sql.query<PermitApplication & Omit<Deadline, 'overdue'> & { overdue: boolean | null }>(
    `${selectFor(staff).replace(' FROM permit_applications a', `, ${d.select}, ${d.overdue} AS overdue FROM permit_applications a`)}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${order} LIMIT $${params.length}`,
    params,
  );
  return withOverdue(rows);
}

export interface ApplicationRow {
  kind: PermitKind;
  applicantOrgId: string;
  title: string;
  details: unknown;
  justification: string | null;
  siteOfferId: string | null;
  geometry: unknown;
  createdBy: string | null;
}

/** The first point of a Point or LineString, for the commune lookup. */
const firstPoint = (g: string) =>
  `CASE WHEN GeometryType(${g}) = 'POINT' THEN ${g} ELSE ST_StartPoint(${g}) END`;
const unitOf = (g: string) =>
  `(SELECT u.code FROM admin_units u WHERE ST_Intersects(u.geom, ${firstPoint(g)}) ORDER BY u.code LIMIT 1)`;

export async function insertApplication(tx: Sql, row: ApplicationRow): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($8), 4326) AS geom)
     INSERT INTO permit_applications (id, kind, applicant_org_id, title, details, justification, site_offer_id, geom,
       admin_unit_code, created_by)
     SELECT $1, $2, $3, $4, $5::text::jsonb, $6, $7, g.geom, ${unitOf('g.geom')}, $9 FROM g`,
    [
      id,
      row.kind,
      row.applicantOrgId,
      row.title,
      JSON.stringify(row.details),
      row.justification,
      row.siteOfferId,
      JSON.stringify(row.geometry),
      row.createdBy,
    ],
  );
  return id;
}

/** Rewrites the applicant's fields and bumps the version (the caller checked status and If-Match). */
export async function updateApplicantFields(
  tx: Sql,
  id: string,
  row: Omit<ApplicationRow, 'kind' | 'applicantOrgId' | 'createdBy'>,
): Promise<void> {
  await tx.query(
    `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($6), 4326) AS geom)
     UPDATE permit_applications SET title = $2, details = $3::text::jsonb, justification = $4, site_offer_id = $5,
       geom = g.geom, admin_unit_code = ${unitOf('g.geom')}, version = version + 1, updated_at = now()
     FROM g WHERE id = $1`,
    [
      id,
      row.title,
      JSON.stringify(row.details),
      row.justification,
      row.siteOfferId,
      JSON.stringify(row.geometry),
    ],
  );
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
  await tx.query(
    `UPDATE permit_applications SET status = $2,
       review_note = CASE WHEN $3 THEN $4 ELSE review_note END,
       conditions = CASE WHEN $5 THEN $6::text::jsonb ELSE conditions END,
       submitted_at = CASE WHEN $7 THEN now() ELSE submitted_at END,
       decided_at = CASE WHEN $8 THEN now() ELSE decided_at END,
       decided_by = CASE WHEN $8 THEN $9::uuid ELSE decided_by END,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      id,
      change.status,
      change.reviewNote !== undefined,
      change.reviewNote ?? null,
      change.conditions !== undefined,
      JSON.stringify(change.conditions ?? []),
      change.submitted === true,
      change.decidedBy !== undefined,
      change.decidedBy ?? null,
    ],
  );
}
