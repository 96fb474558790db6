import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
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
  await tx.query(
    `INSERT INTO audit_log (actor_user_id, actor_name, actor_org_id, via, request_id, resource, record_id, action,
       version, before, after, client_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb, $12)`,
    [
      principal?.userId ?? null,
      principal?.displayName ?? null,
      principal?.orgId ?? null,
      principal?.via ?? 'system',
      c.get('requestId') ?? 'unknown',
      entry.resource,
      entry.recordId,
      entry.action,
      entry.version,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      c.get('clientRequestId') ?? null,
    ],
  );
}

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
export function listHistory(sql: Sql, resource: string, recordId: string): Promise<HistoryRow[]> {
  return sql.query<HistoryRow>(
    `SELECT version, action, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
       actor_user_id::text AS "actorUserId", actor_name AS "actorName", actor_org_id::text AS "actorOrgId",
       request_id AS "requestId", before, after
     FROM audit_log WHERE resource = $1 AND record_id = $2 ORDER BY id DESC`,
    [resource, recordId],
  );
}

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
