import { addWorkingDays, vietnamDate } from '@hatang/analysis';
import type { ColocationRequest, ColocationStatus } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { ducts, poles, towers } from '@hatang/db/schema';
import { inArray, sql } from 'drizzle-orm';
import { isUuid } from '../../http/body.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A request as stored; `overdue` is added on the way out (it depends on today). */
export type StoredRequest = Omit<ColocationRequest, 'overdue'>;

const SELECT_REQUEST = `SELECT r.id::text AS id, r.status, r.requester_org_id::text AS "requesterOrgId",
    rq.name AS "requesterOrgName", r.owner_org_id::text AS "ownerOrgId", ow.name AS "ownerOrgName",
    r.asset_kind AS "assetKind", r.target, to_jsonb(r.asset_codes) AS "assetCodes",
    ST_AsGeoJSON(r.geom, 7)::jsonb->'coordinates' AS position, r.justification,
    to_char(r.desired_start_date, 'YYYY-MM-DD') AS "desiredStartDate", r.source, r.capacity_check AS "capacityCheck",
    ${ts('r.submitted_at')} AS "submittedAt", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
    r.info_request AS "infoRequest", ${ts('r.answered_at')} AS "answeredAt", r.answered_by::text AS "answeredBy",
    r.answer_note AS "answerNote", r.conditions, r.reject_reason AS "rejectReason",
    r.rent_vnd_per_year::float8 AS "rentVndPerYear", r.tenancy_id::text AS "tenancyId",
    (SELECT coalesce(jsonb_agg(o.id::text ORDER BY o.created_at, o.id), '[]'::jsonb)
       FROM colocation_occupancies o WHERE o.request_id = r.id) AS "occupancyIds",
    r.version, r.created_by::text AS "createdBy", ${ts('r.created_at')} AS "createdAt",
    ${ts('r.updated_at')} AS "updatedAt"
  FROM colocation_requests r
  JOIN organisations rq ON rq.id = r.requester_org_id
  JOIN organisations ow ON ow.id = r.owner_org_id`;

/** Today's date in Vietnam, `YYYY-MM-DD`. */
export const today = () => vietnamDate(new Date());

/** True while the owner owes an answer and its due date has passed. */
export const isOverdue = (r: { status: ColocationStatus; dueOn: string }, on = today()) =>
  r.status === 'submitted' && on > r.dueOn;

export const withOverdue = (r: StoredRequest): ColocationRequest => ({ ...r, overdue: isOverdue(r) });

/** The owner's answer is due `workingDays` working days after the (Vietnamese) date of `submittedAt`. */
export const dueOnFor = (submittedAt: Date, workingDays: number) =>
  addWorkingDays(vietnamDate(submittedAt), workingDays);

export async function findRequest(sql: Sql, id: string, lock = false): Promise<StoredRequest | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<StoredRequest>(
    `${SELECT_REQUEST} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0];
}

/** Whose requests a user lists: everyone's (planners, admins), or one organisation's boxes. */
export type ListScope = { all: true } | { orgId: string; box: 'incoming' | 'outgoing' | 'all' };

export interface ListFilter {
  status?: ColocationStatus;
  overdue?: boolean;
  limit: number;
}

/** Requests newest first. */
export function listRequests(sql: Sql, scope: ListScope, filter: ListFilter): Promise<StoredRequest[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if ('orgId' in scope) {
    if (scope.box === 'incoming') add('r.owner_org_id = ?', scope.orgId);
    else if (scope.box === 'outgoing') add('r.requester_org_id = ?', scope.orgId);
    else add('(r.owner_org_id = ? OR r.requester_org_id = ?)', scope.orgId);
  }
  if (filter.status) add('r.status = ?', filter.status);
  if (filter.overdue === true) add(`(r.status = 'submitted' AND r.due_on < ?::date)`, today());
  if (filter.overdue === false) add(`NOT (r.status = 'submitted' AND r.due_on < ?::date)`, today());
  params.push(filter.limit);
  return sql.query<StoredRequest>(
    `${SELECT_REQUEST} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY r.created_at DESC, r.id LIMIT $${params.length}`,
    params,
  );
}

export interface NewRequest {
  id: string;
  requesterOrgId: string;
  ownerOrgId: string;
  assetKind: string;
  assetIds: string[];
  assetCodes: string[];
  target: unknown;
  /** `[lng, lat]` or null. */
  position: [number, number] | null;
  justification: string;
  desiredStartDate: string;
  source: string;
  capacityCheck: unknown;
  submittedAt: Date;
  dueOn: string;
  createdBy: string | null;
}

export async function insertRequest(tx: Sql, r: NewRequest): Promise<void> {
  await tx.query(
    `INSERT INTO colocation_requests (id, status, requester_org_id, owner_org_id, asset_kind, asset_ids, asset_codes,
       target, geom, justification, desired_start_date, source, capacity_check, submitted_at, due_on, created_by)
     VALUES ($1, 'submitted', $2, $3, $4, ARRAY(SELECT jsonb_array_elements_text($5::text::jsonb)::uuid),
       ARRAY(SELECT jsonb_array_elements_text($6::text::jsonb)), $7::text::jsonb,
       CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8::float8, $9::float8), 4326) END,
       $10, $11, $12, $13::text::jsonb, $14, $15, $16)`,
    [
      r.id,
      r.requesterOrgId,
      r.ownerOrgId,
      r.assetKind,
      JSON.stringify(r.assetIds),
      JSON.stringify(r.assetCodes),
      JSON.stringify(r.target),
      r.position?.[0] ?? null,
      r.position?.[1] ?? null,
      r.justification,
      r.desiredStartDate,
      r.source,
      JSON.stringify(r.capacityCheck),
      r.submittedAt.toISOString(),
      r.dueOn,
      r.createdBy,
    ],
  );
}

export interface RequestChange {
  status: ColocationStatus;
  infoRequest?: string;
  /** Submitted again (a response to an info request): the deadline restarts. */
  resubmit?: { at: Date; dueOn: string };
  answer?: {
    by: string | null;
    note: string | null;
    conditions: string[];
    rejectReason: string | null;
    rentVndPerYear: number | null;
  };
  tenancyId?: string | null;
  capacityCheck?: unknown;
}

/** Moves a request to `status` (the caller checked the transition) and bumps its version. */
export async function updateRequest(tx: Sql, id: string, change: RequestChange): Promise<void> {
  await tx.query(
    `UPDATE colocation_requests SET status = $2,
       info_request = CASE WHEN $3::boolean THEN $4 ELSE info_request END,
       submitted_at = CASE WHEN $5::boolean THEN $6::timestamptz ELSE submitted_at END,
       due_on = CASE WHEN $5::boolean THEN $7::date ELSE due_on END,
       deadline_notified = CASE WHEN $5::boolean THEN false ELSE deadline_notified END,
       answered_at = CASE WHEN $8::boolean THEN now() ELSE answered_at END,
       answered_by = CASE WHEN $8::boolean THEN $9::uuid ELSE answered_by END,
       answer_note = CASE WHEN $8::boolean THEN $10 ELSE answer_note END,
       conditions = CASE WHEN $8::boolean THEN $11::text::jsonb ELSE conditions END,
       reject_reason = CASE WHEN $8::boolean THEN $12 ELSE reject_reason END,
       rent_vnd_per_year = CASE WHEN $8::boolean THEN $13::bigint ELSE rent_vnd_per_year END,
       tenancy_id = CASE WHEN $14::boolean THEN $15::uuid ELSE tenancy_id END,
       capacity_check = CASE WHEN $16::boolean THEN $17::text::jsonb ELSE capacity_check END,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      id,
      change.status,
      change.infoRequest !== undefined,
      change.infoRequest ?? null,
      change.resubmit !== undefined,
      change.resubmit?.at.toISOString() ?? null,
      change.resubmit?.dueOn ?? null,
      change.answer !== undefined,
      change.answer?.by ?? null,
      change.answer?.note ?? null,
      JSON.stringify(change.answer?.conditions ?? []),
      change.answer?.rejectReason ?? null,
      change.answer?.rentVndPerYear ?? null,
      change.tenancyId !== undefined,
      change.tenancyId ?? null,
      change.capacityCheck !== undefined,
      JSON.stringify(change.capacityCheck ?? null),
    ],
  );
}

const ASSET_TABLES = { tower: towers, pole: poles, duct: ducts };

/** Moves the assets' versions on (an acceptance changed what they hold). */
export async function bumpAssetVersions(
  tx: Sql,
  kind: 'tower' | 'pole' | 'duct',
  ids: string[],
): Promise<void> {
  const table = ASSET_TABLES[kind];
  await orm(tx)
    .update(table)
    .set({ version: sql`${table.version} + 1`, updatedAt: sql`now()` })
    .where(inArray(table.id, ids));
}
