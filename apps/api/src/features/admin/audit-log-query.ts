/**
 * Reading the audit log for admins: filters (actor, action, resource, record, Vietnam-time days),
 * newest first with a cursor, and secrets redacted from every before/after snapshot. Shared by the
 * page route and the CSV export (which runs in the compute pool).
 */
import { type AuditEntry, type AuditFilters, auditAction, REDACTED } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { auditLog, organisations, users } from '@hatang/db/schema';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';

/** Vietnam's offset from UTC (Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975). */
const VIETNAM_OFFSET = '+07:00';

/** The first instant of a calendar day in Vietnam time, as UTC ISO 8601. */
export const vietnamDayStart = (day: string): string =>
  new Date(`${day}T00:00:00${VIETNAM_OFFSET}`).toISOString();

/** The first instant after a calendar day in Vietnam time (the next day's start). */
export function vietnamDayEnd(day: string): string {
  const start = new Date(`${day}T00:00:00${VIETNAM_OFFSET}`);
  return new Date(start.getTime() + 24 * 3600 * 1000).toISOString();
}

/** The SQL conditions of the filters (and of a cursor: entries older than it). */
export function auditConditions(filters: AuditFilters, cursor?: string): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.actor) conditions.push(eq(auditLog.actorUserId, filters.actor));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.resource) conditions.push(eq(auditLog.resource, filters.resource));
  if (filters.recordId) conditions.push(eq(auditLog.recordId, filters.recordId));
  if (filters.from) conditions.push(gte(auditLog.at, vietnamDayStart(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.at, vietnamDayEnd(filters.to)));
  if (cursor) conditions.push(lt(auditLog.id, Number(cursor)));
  return conditions.length ? and(...conditions) : undefined;
}

const entryFields = {
  id: auditLog.id,
  at: auditLog.at,
  actorUserId: auditLog.actorUserId,
  actorName: auditLog.actorName,
  actorEmail: users.email,
  actorOrgId: auditLog.actorOrgId,
  actorOrgCode: organisations.code,
  via: auditLog.via,
  requestId: auditLog.requestId,
  resource: auditLog.resource,
  recordId: auditLog.recordId,
  action: auditLog.action,
  version: auditLog.version,
  before: auditLog.before,
  after: auditLog.after,
};
/** A row; the actor's e-mail and organisation code are null when they are gone (left joins). */
type EntryRow = Omit<RowOf<typeof entryFields>, 'actorEmail' | 'actorOrgCode'> & {
  actorEmail: string | null;
  actorOrgCode: string | null;
};

/** Up to `limit` entries matching the filters, newest first, older than `cursor` when given. */
export async function selectAuditEntries(
  db: Sql,
  filters: AuditFilters,
  limit: number,
  cursor?: string,
): Promise<AuditEntry[]> {
  const rows = await orm(db)
    .select(entryFields)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrgId))
    .where(auditConditions(filters, cursor))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map(toAuditEntry);
}

function toAuditEntry(row: EntryRow): AuditEntry {
  return {
    ...row,
    id: String(row.id),
    action: auditAction.parse(row.action),
    before: redactSecrets(row.resource, row.before),
    after: redactSecrets(row.resource, row.after),
  };
}

/**
 * Field names that hold secrets or their hashes, wherever they appear in a snapshot. The API
 * never audits them (users are audited as their public record, keys without the key), but the
 * log is append-only and older or future writers might: the admin view never shows them.
 */
const SECRET_FIELDS = new Set(
  [
    'password',
    'passwordHash',
    'password_hash',
    'keyHash',
    'key_hash',
    'tokenHash',
    'token_hash',
    'csrfToken',
    'csrf_token',
    'secret',
    'token',
  ].map((name) => name.toLowerCase()),
);

/** A copy of `value` with secret fields replaced by "[redacted]" (an API key's `key` too). */
export function redactSecrets(resource: string, value: unknown): unknown {
  const isSecret = (name: string) =>
    SECRET_FIELDS.has(name.toLowerCase()) || (resource === 'api-keys' && name === 'key');
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 32 || node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    return Object.fromEntries(
      Object.entries(node).map(([name, inner]) => [name, isSecret(name) ? REDACTED : walk(inner, depth + 1)]),
    );
  };
  return walk(value ?? null, 0);
}
