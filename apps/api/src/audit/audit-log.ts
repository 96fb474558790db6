import { orm, type Sql } from '@hatang/db';
import { auditLog } from '@hatang/db/schema';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { AppEnv } from '../context.js';
import type { VersionedFeature } from '../http/body.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore';

export interface AuditEntry {
  resource: string;
  recordId: string;
  action: AuditAction;
  /** The record's version after the change (for a delete, the version deleted). */
  version: number;
  before: unknown;
  after: unknown;
}

/**
 * Appends one history row in the caller's transaction: who, when, the server's request id (and
 * the client's own, apart), before/after.
 */
export async function recordAudit(tx: Sql, c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  const principal = c.get('principal');
  await orm(tx)
    .insert(auditLog)
    .values({
      actorUserId: principal?.userId ?? null,
      actorName: principal?.displayName ?? null,
      actorOrgId: principal?.orgId ?? null,
      via: principal?.via ?? 'system',
      requestId: c.get('requestId') ?? 'unknown',
      resource: entry.resource,
      recordId: entry.recordId,
      action: entry.action,
      version: entry.version,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      clientRequestId: c.get('clientRequestId') ?? null,
    });
}

/** Audits the creation of `record` (its version 1) under `resource`. */
export function auditCreated(
  tx: Sql,
  c: Context<AppEnv>,
  resource: string,
  record: { id: string },
): Promise<void> {
  return recordAudit(tx, c, {
    resource,
    recordId: record.id,
    action: 'create',
    version: 1,
    before: null,
    after: record,
  });
}

/** A snapshot as jsonb: sent as text and cast, so neither driver encodes it a second time. */
const snapshot = (value: unknown) => (value === null ? null : sql`${JSON.stringify(value)}::text::jsonb`);

/**
 * Audits a write of a feature-shaped record: a create (no `before`), a delete (no `after`), an
 * update, or whatever `action` says (a restore). The version is the record's own.
 */
export function auditFeature(
  tx: Sql,
  c: Context<AppEnv>,
  resource: string,
  before: VersionedFeature | null,
  after: VersionedFeature | null,
  action?: AuditAction,
): Promise<void> {
  const record = after ?? before;
  if (!record) throw new Error('auditFeature needs the record before or after the change');
  return recordAudit(tx, c, {
    resource,
    recordId: record.id,
    action: action ?? (before === null ? 'create' : after === null ? 'delete' : 'update'),
    version: record.properties.version,
    before,
    after,
  });
}

export interface HistoryRow {
  version: number;
  action: AuditAction;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgId: string | null;
  requestId: string;
  before: { properties: Record<string, unknown> } | null;
  after: { properties: Record<string, unknown> } | null;
}

/** A record's history, newest first. */
export async function listHistory(on: Sql, resource: string, recordId: string): Promise<HistoryRow[]> {
  const rows = await orm(on)
    .select({
      version: auditLog.version,
      action: auditLog.action,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorName: auditLog.actorName,
      actorOrgId: auditLog.actorOrgId,
      requestId: auditLog.requestId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.resource, resource), eq(auditLog.recordId, recordId)))
    .orderBy(desc(auditLog.id));
  return rows.map((row) => ({
    ...row,
    action: auditAction.parse(row.action),
    before: asSnapshot(row.before),
    after: asSnapshot(row.after),
  }));
}

/** The actions the log holds (its CHECK constraint). */
const auditAction = z.enum(['create', 'update', 'delete', 'restore']);
/** A stored snapshot: a record with its properties (every audited write stores one), or none. */
const storedSnapshot = z
  .object({ properties: z.record(z.string(), z.unknown()) })
  .loose()
  .nullable();
const asSnapshot = (value: unknown) => storedSnapshot.parse(value ?? null);

type Snapshot = HistoryRow['before'];

/** City staff (admins, planners, the Construction Department's reviewers) see who changed anything. */
const ACTOR_ROLES = new Set(['admin', 'planner', 'reviewer']);

/**
 * Who may see the actors of a history: city staff always; a signed-in user of the organisation
 * that owns the record in that version (`ownerOf` reads it from a snapshot; omit it for records
 * no organisation owns, such as the key sites register). Everyone else — the public, viewers,
 * other operators — sees what changed and when, not who (names, user ids, organisations).
 */
export function actorsVisibleTo(
  principal: Principal | undefined,
  ownerOf?: (snapshot: NonNullable<Snapshot>) => unknown,
): (row: HistoryRow) => boolean {
  if (principal?.roles.some((r) => ACTOR_ROLES.has(r))) return () => true;
  if (!principal || !ownerOf) return () => false;
  return (row) => {
    const snapshot = row.after ?? row.before;
    return !!snapshot && ownerOf(snapshot) === principal.orgId;
  };
}

/** The owner organisation of a feature-shaped snapshot (assets, site offers). */
export const ownerOrgOf =
  (property = 'ownerOrgId') =>
  (snapshot: NonNullable<Snapshot>) =>
    snapshot.properties?.[property];

/**
 * The history answer (`{ items }`) of the history routes: one entry per version, newest first;
 * `show` hides what the caller may not see in each snapshot (default: shown as stored);
 * `seesActor` says for which rows the caller may see the actor and the request id (see
 * actorsVisibleTo) — for the others `actor` is null and `actorHidden` true.
 */
export function historyBody(
  rows: HistoryRow[],
  seesActor: (row: HistoryRow) => boolean,
  show: (snapshot: Snapshot) => unknown = (s) => s,
) {
  return {
    items: rows.map((row) => {
      const what = {
        version: row.version,
        action: row.action,
        at: row.at,
        before: show(row.before),
        after: show(row.after),
      };
      if (!seesActor(row)) return { ...what, actor: null, actorHidden: true };
      return {
        ...what,
        actor: row.actorUserId
          ? { userId: row.actorUserId, displayName: row.actorName, orgId: row.actorOrgId }
          : null,
        requestId: row.requestId,
      };
    }),
  };
}

/**
 * The version an audit entry gives a record that keeps no version column of its own (users,
 * organisations, API keys): one more than its latest entry, 1 for its first.
 */
export async function nextAuditVersion(tx: Sql, resource: string, recordId: string): Promise<number> {
  const [row] = await orm(tx)
    .select({ latest: sql<number | null>`max(${auditLog.version})` })
    .from(auditLog)
    .where(and(eq(auditLog.resource, resource), eq(auditLog.recordId, recordId)));
  return Number(row?.latest ?? 0) + 1;
}
