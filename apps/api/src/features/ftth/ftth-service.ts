/**
 * Fibre to the home's rules: an upload is checked whole (every bad row reported, path
 * `['row', n, field]` with n counted from 1 over the data rows) and stored in one audited
 * transaction, or not at all; who writes and reads for which operator (ftth-access.ts).
 */
import {
  FTTH_PROXY_DEFAULTS,
  type FtthReport,
  type FtthReportRow,
  type FtthSummary,
  type FtthUploadResult,
  type ftthReportQuery,
  ftthReportRow,
  type ftthSummaryQuery,
  type ftthUpload,
  type Issue,
} from '@hatang/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { readInPool } from '../../jobs/parse-pool.js';
import type { CsvRead } from './ftth-csv.js';
import {
  existingUnitCodes,
  figuresBefore,
  latestFigures,
  listReports,
  organisationKind,
  upsertReports,
} from './ftth-repository.js';
import { ftthSummaryOf } from './ftth-summary.js';

export const FTTH_REPORTS = 'ftth-reports';
/** Kinds of organisation that run FTTH networks. */
const FTTH_OPERATOR_KINDS = ['operator'];
/** The earliest "as of" date taken (older figures are not a report on the plan's period). */
const EARLIEST_AS_OF = '2020-01-01';

/** Today in Vietnam (UTC+7), YYYY-MM-DD: the latest "as of" date taken. */
const todayInVietnam = (now = Date.now()) => new Date(now + 7 * 3600_000).toISOString().slice(0, 10);

/** The operator a request acts for: its own, or (admins) the one named. */
function operatorOf(c: Context<AppEnv>, named: string | undefined): string {
  const grant = c.get('grant');
  const principal = c.get('principal');
  if (!principal || !grant) throw new ApiError(403, 'FORBIDDEN', 'No access policy covers this request');
  if (grant.scope === 'own') {
    if (named !== undefined && named !== principal.orgId)
      throw new ApiError(
        403,
        'FORBIDDEN',
        "You may write and read only your own organisation's FTTH figures",
      );
    return principal.orgId;
  }
  if (named === undefined)
    throw validationFailed([{ path: ['orgId'], message: 'name the operator the figures are for' }]);
  return named;
}

/** Checks every row (shape, cross-field, duplicates, communes) and returns them or all problems. */
async function checkedRows(c: Context<AppEnv>, raw: readonly unknown[]): Promise<FtthReportRow[]> {
  const issues: Issue[] = [];
  const rows: { n: number; row: FtthReportRow }[] = [];
  const today = todayInVietnam();
  const seen = new Map<string, number>();
  raw.forEach((value, index) => {
    const n = index + 1;
    const parsed = ftthReportRow.safeParse(value);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        issues.push({ path: ['row', n, ...i.path.map((p) => String(p))], message: i.message });
      return;
    }
    const row = parsed.data;
    const at = (field: string, message: string) => issues.push({ path: ['row', n, field], message });
    if (row.homes1Gbps > row.homesPassed) at('homes1Gbps', 'homes with 1 Gbps exceed homes passed');
    if (row.subscriptions != null && row.subscriptions > row.homesPassed)
      at('subscriptions', 'subscriptions exceed homes passed');
    if (row.asOf > today) at('asOf', `is in the future (today is ${today})`);
    if (row.asOf < EARLIEST_AS_OF) at('asOf', `is before ${EARLIEST_AS_OF}`);
    const key = `${row.adminUnitCode}|${row.asOf}`;
    const first = seen.get(key);
    if (first !== undefined) at('adminUnitCode', `the same commune and date as row ${first}`);
    else seen.set(key, n);
    rows.push({ n, row });
  });
  const known = await existingUnitCodes(c.var.services.db, [
    ...new Set(rows.map((r) => r.row.adminUnitCode)),
  ]);
  for (const { n, row } of rows)
    if (!known.has(row.adminUnitCode))
      issues.push({
        path: ['row', n, 'adminUnitCode'],
        message: `no commune has the code ${row.adminUnitCode}`,
      });
  if (issues.length) {
    issues.sort((a, b) => Number(a.path[1] ?? 0) - Number(b.path[1] ?? 0));
    throw validationFailed(issues);
  }
  return rows.map((r) => r.row);
}

/**
 * The CSV's rows, read in a parse worker (untrusted bytes never on the request thread): 503 with
 * Retry-After when the pool is full, 422 naming the limit when the worker runs out of time or
 * memory, 400 with the header's or shape's problems.
 */
async function csvRows(c: Context<AppEnv>, text: string): Promise<readonly unknown[]> {
  const read = await readInPool<CsvRead>(c, { kind: 'ftth-csv', text }, 'csv');
  if (!read.ok) throw validationFailed(read.issues);
  return read.rows;
}

/** Stores an upload: all rows in one transaction, each audited, or none. */
export async function uploadReports(
  c: Context<AppEnv>,
  body: z.output<typeof ftthUpload>,
): Promise<FtthUploadResult> {
  const orgId = operatorOf(c, body.orgId);
  const db = c.var.services.db;
  const kind = await organisationKind(db, orgId);
  if (kind === undefined) throw validationFailed([{ path: ['orgId'], message: 'no such organisation' }]);
  if (!FTTH_OPERATOR_KINDS.includes(kind))
    throw validationFailed([{ path: ['orgId'], message: 'FTTH figures are reported by telecom operators' }]);
  const raw = body.csv === undefined ? (body.rows ?? []) : await csvRows(c, body.csv);
  const rows = await checkedRows(c, raw);
  return db.transaction(async (tx) => {
    const before = await figuresBefore(tx, orgId, rows);
    const stored = await upsertReports(tx, orgId, userOf(c), rows);
    for (const [i, s] of stored.entries()) {
      const row = rows[i];
      const old = row && before.get(`${row.adminUnitCode}|${row.asOf}`);
      await recordAudit(tx, c, {
        resource: FTTH_REPORTS,
        recordId: s.id,
        action: old ? 'update' : 'create',
        version: s.version,
        before: old ?? null,
        after: { id: s.id, orgId, ...row },
      });
    }
    const reports = await listReports(tx, { ids: stored.map((s) => s.id) });
    const created = stored.filter((s) => s.version === 1).length;
    return { orgId, created, replaced: stored.length - created, reports };
  });
}

/** The rows the caller may read: an operator's own; the staff's all (or one operator's). */
export function readReports(
  c: Context<AppEnv>,
  query: z.output<typeof ftthReportQuery>,
): Promise<FtthReport[]> {
  const grant = c.get('grant');
  const orgId = grant?.scope === 'all' ? query.orgId : operatorOf(c, query.orgId);
  return listReports(c.var.services.db, {
    ...(orgId ? { orgId } : {}),
    ...(query.adminUnitCode ? { adminUnitCode: query.adminUnitCode } : {}),
  });
}

/** The staff's per-commune summary, the proxy computed in the analysis worker. */
export async function communeSummary(
  c: Context<AppEnv>,
  query: z.output<typeof ftthSummaryQuery>,
): Promise<FtthSummary> {
  const { analysis, db } = c.var.services;
  const ftthProxy = c.var.services.ftthProxy ?? FTTH_PROXY_DEFAULTS;
  const params = {
    householdSize: query.householdSize ?? ftthProxy.householdSize,
    reachM: query.reachM ?? ftthProxy.reachM,
  };
  const reach = await analysis.ftthReach(params.reachM);
  return ftthSummaryOf(reach, await latestFigures(db, null), params, new Date().toISOString());
}
