import {
  type ColocationStatus,
  type OversightMapProperties,
  type OversightRow,
  oversightQuery,
  toIssues,
} from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { validationFailed } from '../errors.js';
import { type CsvColumn, csvResponse, toCsv } from '../http/downloads.js';
import { isOverdue, today } from './request-store.js';

const ANSWERED: ColocationStatus[] = ['accepted', 'accepted_with_conditions', 'rejected'];
const ACCEPTED: ColocationStatus[] = ['accepted', 'accepted_with_conditions'];

interface Fact {
  ownerOrgId: string;
  ownerOrgName: string;
  status: ColocationStatus;
  dueOn: string;
  /** Calendar days from filing to the answer (answered requests). */
  daysToAnswer: number | null;
}

const median = (values: number[]) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
};

/** Per owner organisation: received, answered, pending, median days to answer, acceptance rate, overdue. */
export function oversightRows(facts: Fact[], on = today()): OversightRow[] {
  const byOwner = new Map<string, Fact[]>();
  for (const f of facts) byOwner.set(f.ownerOrgId, [...(byOwner.get(f.ownerOrgId) ?? []), f]);
  return [...byOwner.values()]
    .map((list) => {
      const answered = list.filter((f) => ANSWERED.includes(f.status));
      const accepted = answered.filter((f) => ACCEPTED.includes(f.status));
      const first = list[0] as Fact;
      return {
        ownerOrgId: first.ownerOrgId,
        ownerOrgName: first.ownerOrgName,
        received: list.length,
        answered: answered.length,
        pending: list.filter((f) => f.status === 'submitted' || f.status === 'info_requested').length,
        medianDaysToAnswer: median(
          answered.flatMap((f) => (f.daysToAnswer === null ? [] : [f.daysToAnswer])),
        ),
        acceptanceRate: answered.length
          ? Math.round((1000 * accepted.length) / answered.length) / 1000
          : null,
        overdue: list.filter((f) => isOverdue(f, on)).length,
      };
    })
    .sort((a, b) => b.received - a.received || a.ownerOrgName.localeCompare(b.ownerOrgName));
}

const CSV_COLUMNS: CsvColumn<OversightRow>[] = [
  { header: 'Mã đơn vị / Owner id', value: (r) => r.ownerOrgId },
  { header: 'Chủ sở hữu / Owner', value: (r) => r.ownerOrgName },
  { header: 'Đã nhận / Received', value: (r) => r.received },
  { header: 'Đã trả lời / Answered', value: (r) => r.answered },
  { header: 'Đang chờ / Pending', value: (r) => r.pending },
  { header: 'Trung vị ngày trả lời / Median days to answer', value: (r) => r.medianDaysToAnswer },
  { header: 'Tỷ lệ chấp thuận / Acceptance rate', value: (r) => r.acceptanceRate },
  { header: 'Quá hạn / Overdue', value: (r) => r.overdue },
];

/** `/colocation-requests/oversight` (table, CSV) and `/oversight/map` (pending requests as points): planners, admins. */
export function oversightRoutes(db: Database, responseWorkingDays: number) {
  const app = new Hono<AppEnv>();

  app.get('/colocation-requests/oversight', async (c) => {
    const parsed = oversightQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const facts = await db.query<Fact>(
      `SELECT r.owner_org_id::text AS "ownerOrgId", o.name AS "ownerOrgName", r.status,
         to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
         CASE WHEN r.answered_at IS NULL THEN NULL
              ELSE extract(epoch FROM r.answered_at - r.created_at)::float8 / 86400 END AS "daysToAnswer"
       FROM colocation_requests r JOIN organisations o ON o.id = r.owner_org_id`,
    );
    const items = oversightRows(
      facts.map((f) => ({ ...f, daysToAnswer: f.daysToAnswer === null ? null : Number(f.daysToAnswer) })),
    );
    if (parsed.data.format === 'csv')
      return csvResponse(c, 'colocation-oversight', toCsv(items, CSV_COLUMNS));
    return c.json({ items, responseWorkingDays });
  });

  app.get('/colocation-requests/oversight/map', async (c) => {
    const rows = await db.query<OversightMapProperties & { position: [number, number] }>(
      `SELECT r.id::text AS id, r.status, r.asset_kind AS "assetKind", ow.name AS "ownerOrgName",
         rq.name AS "requesterOrgName", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
         ST_AsGeoJSON(r.geom, 7)::jsonb->'coordinates' AS position
       FROM colocation_requests r
       JOIN organisations ow ON ow.id = r.owner_org_id JOIN organisations rq ON rq.id = r.requester_org_id
       WHERE r.status IN ('submitted', 'info_requested') AND r.geom IS NOT NULL
       ORDER BY r.due_on, r.id`,
    );
    const on = today();
    return c.json({
      type: 'FeatureCollection',
      features: rows.map(({ position, ...p }) => ({
        type: 'Feature',
        id: p.id,
        geometry: { type: 'Point', coordinates: position },
        properties: { ...p, overdue: isOverdue(p, on) } satisfies OversightMapProperties,
      })),
    });
  });

  return app;
}
