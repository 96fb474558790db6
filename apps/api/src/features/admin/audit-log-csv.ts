/**
 * The audit log as CSV (runs in the compute pool): the filtered entries newest first, at most
 * AUDIT_CSV_MAX_ROWS, read in pages so the worker never holds the query's whole answer twice.
 * Times are ISO 8601 in UTC and again in Vietnam time (dd/mm/yyyy HH:mm), as the screen shows them.
 */
import { AUDIT_CSV_MAX_ROWS, type AuditEntry, type AuditFilters } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { type CsvColumn, toCsv } from '../../http/downloads.js';
import { selectAuditEntries } from './audit-log-query.js';

const PAGE = 2_000;

const vietnamTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** dd/mm/yyyy HH:mm in Vietnam time. */
export function vietnamDayTime(iso: string): string {
  const part = Object.fromEntries(vietnamTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export const AUDIT_CSV_COLUMNS: CsvColumn<AuditEntry>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'at_utc', value: (e) => e.at },
  { header: 'at_vietnam', value: (e) => vietnamDayTime(e.at) },
  { header: 'actor_name', value: (e) => e.actorName },
  { header: 'actor_email', value: (e) => e.actorEmail },
  { header: 'actor_user_id', value: (e) => e.actorUserId },
  { header: 'actor_org_code', value: (e) => e.actorOrgCode },
  { header: 'via', value: (e) => e.via },
  { header: 'action', value: (e) => e.action },
  { header: 'resource', value: (e) => e.resource },
  { header: 'record_id', value: (e) => e.recordId },
  { header: 'version', value: (e) => e.version },
  { header: 'request_id', value: (e) => e.requestId },
  { header: 'before', value: (e) => json(e.before) },
  { header: 'after', value: (e) => json(e.after) },
];

export interface AuditCsv {
  csv: string;
  rows: number;
  /** More entries matched than the file holds (the oldest were left out). */
  truncated: boolean;
}

/** The filtered log as a CSV document (BOM, CRLF), redacted like the page. */
export async function auditLogCsv(
  db: Sql,
  filters: AuditFilters,
  maxRows = AUDIT_CSV_MAX_ROWS,
): Promise<AuditCsv> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const want = Math.min(PAGE, maxRows + 1 - entries.length);
    const page = await selectAuditEntries(db, filters, want, cursor);
    entries.push(...page);
    if (entries.length > maxRows) {
      entries.length = maxRows;
      truncated = true;
      break;
    }
    if (page.length < want) break;
    cursor = page[page.length - 1]?.id;
  }
  return { csv: toCsv(entries, AUDIT_CSV_COLUMNS), rows: entries.length, truncated };
}
