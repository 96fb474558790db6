/** Co-location requests' reads and writes (table `colocation_requests`, with both organisations' names). */
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

/** A jsonb value as a parameter: sent as text, so no driver encodes it twice. */
const jsonb = (value: unknown) => sql`${JSON.stringify(value)}::text::jsonb`;

export async function insertRequest(tx: Sql, request: NewRequest): Promise<void> {
  const { position, target, capacityCheck, submittedAt, ...fields } = request;
  await orm(tx)
    .insert(r)
    .values({
      ...fields,
      status: 'submitted',
      target: jsonb(target),
      capacityCheck: jsonb(capacityCheck),
      geom: position ? { type: 'Point', coordinates: position } : null,
      submittedAt: submittedAt.toISOString(),
    });
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
  const { resubmit, answer } = change;
  await orm(tx)
    .update(r)
    .set({
      status: change.status,
      ...(change.infoRequest === undefined ? {} : { infoRequest: change.infoRequest }),
      // Submitted again: the deadline restarts, and so does its notice.
      ...(resubmit
        ? { submittedAt: resubmit.at.toISOString(), dueOn: resubmit.dueOn, deadlineNotified: false }
        : {}),
      ...(answer
        ? {
            answeredAt: sql`now()`,
            answeredBy: answer.by,
            answerNote: answer.note,
            conditions: jsonb(answer.conditions),
            rejectReason: answer.rejectReason,
            rentVndPerYear: answer.rentVndPerYear,
          }
        : {}),
      ...(change.tenancyId === undefined ? {} : { tenancyId: change.tenancyId }),
      ...(change.capacityCheck === undefined ? {} : { capacityCheck: jsonb(change.capacityCheck) }),
      version: sql`${r.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(r.id, id));
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
