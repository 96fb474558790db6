import { addWorkingDays, vietnamDate } from '@hatang/analysis';
import { type ColocationRequest, type ColocationStatus, colocationRequest } from '@hatang/contracts';
import { geoJson, orm, type RowOf, type Sql } from '@hatang/db';
import {
  colocationOccupancies,
  colocationRequests,
  ducts,
  organisations,
  poles,
  towers,
} from '@hatang/db/schema';
import { and, desc, eq, inArray, lt, not, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid } from '../../http/body.js';

/** A request as stored; `overdue` is added on the way out (it depends on today). */
export type StoredRequest = Omit<ColocationRequest, 'overdue'>;

const r = colocationRequests;
const o = colocationOccupancies;
const requester = alias(organisations, 'rq');
const owner = alias(organisations, 'ow');

const requestFields = {
  id: r.id,
  status: r.status,
  requesterOrgId: r.requesterOrgId,
  requesterOrgName: requester.name,
  ownerOrgId: r.ownerOrgId,
  ownerOrgName: owner.name,
  assetKind: r.assetKind,
  target: r.target,
  assetCodes: r.assetCodes,
  point: geoJson(r.geom, 7),
  justification: r.justification,
  desiredStartDate: r.desiredStartDate,
  source: r.source,
  capacityCheck: r.capacityCheck,
  submittedAt: r.submittedAt,
  dueOn: r.dueOn,
  infoRequest: r.infoRequest,
  answeredAt: r.answeredAt,
  answeredBy: r.answeredBy,
  answerNote: r.answerNote,
  conditions: r.conditions,
  rejectReason: r.rejectReason,
  rentVndPerYear: r.rentVndPerYear,
  tenancyId: r.tenancyId,
  occupancyIds: sql<unknown>`(SELECT coalesce(jsonb_agg(${o.id}::text ORDER BY ${o.createdAt}, ${o.id}), '[]'::jsonb)
    FROM ${o} WHERE ${o.requestId} = ${r.id})`,
  version: r.version,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
};

/** The jsonb and text columns hold what the contract says (only this feature writes them); read as such. */
const stored = colocationRequest.omit({ overdue: true, position: true });
const toRequest = ({ point, ...row }: RowOf<typeof requestFields>): StoredRequest => ({
  ...stored.parse(row),
  position: point ? [point.coordinates[0] ?? 0, point.coordinates[1] ?? 0] : null,
});

const selectRequests = (db: Sql) =>
  orm(db)
    .select(requestFields)
    .from(r)
    .innerJoin(requester, eq(requester.id, r.requesterOrgId))
    .innerJoin(owner, eq(owner.id, r.ownerOrgId));

/** Today's date in Vietnam, `YYYY-MM-DD`. */
export const today = () => vietnamDate(new Date());

/** True while the owner owes an answer and its due date has passed. */
export const isOverdue = (r: { status: ColocationStatus; dueOn: string }, on = today()) =>
  r.status === 'submitted' && on > r.dueOn;

export const withOverdue = (r: StoredRequest): ColocationRequest => ({ ...r, overdue: isOverdue(r) });

/** The owner's answer is due `workingDays` working days after the (Vietnamese) date of `submittedAt`. */
export const dueOnFor = (submittedAt: Date, workingDays: number) =>
  addWorkingDays(vietnamDate(submittedAt), workingDays);

export async function findRequest(db: Sql, id: string, lock = false): Promise<StoredRequest | undefined> {
  if (!isUuid(id)) return undefined;
  const query = selectRequests(db).where(eq(r.id, id));
  const [row] = lock ? await query.for('update', { of: r }) : await query;
  return row && toRequest(row);
}

/** Whose requests a user lists: everyone's (planners, admins), or one organisation's boxes. */
export type ListScope = { all: true } | { orgId: string; box: 'incoming' | 'outgoing' | 'all' };

export interface ListFilter {
  status?: ColocationStatus;
  overdue?: boolean;
  limit: number;
}

/** Requests newest first. */
export async function listRequests(db: Sql, scope: ListScope, filter: ListFilter): Promise<StoredRequest[]> {
  const isLate = and(eq(r.status, 'submitted'), lt(r.dueOn, today()));
  const where: (SQL | undefined)[] = [
    'orgId' in scope
      ? scope.box === 'incoming'
        ? eq(r.ownerOrgId, scope.orgId)
        : scope.box === 'outgoing'
          ? eq(r.requesterOrgId, scope.orgId)
          : or(eq(r.ownerOrgId, scope.orgId), eq(r.requesterOrgId, scope.orgId))
      : undefined,
    filter.status ? eq(r.status, filter.status) : undefined,
    filter.overdue === true ? isLate : undefined,
    filter.overdue === false && isLate ? not(isLate) : undefined,
  ];
  const rows = await selectRequests(db)
    .where(and(...where))
    .orderBy(desc(r.createdAt), r.id)
    .limit(filter.limit);
  return rows.map(toRequest);
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
