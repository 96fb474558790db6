/** `/colocation-requests/oversight` (table, CSV) and `/oversight/map` (pending requests as points): planners, admins. */
import { colocationEndpoints as endpoints } from '@hatang/contracts';
import { defineRoute, reply } from '../../http/define-route.js';
import { csvResponse, toCsv } from '../../http/downloads.js';
import { OVERSEERS } from './colocation-rules.js';
import { oversightFacts, pendingRequests } from './oversight-repository.js';
import { OVERSIGHT_CSV_COLUMNS, oversightRows } from './oversight-rows.js';
import { isOverdue, today } from './request-repository.js';

const resource = 'colocation-requests';

export const oversightRoutes = [
  defineRoute(endpoints.oversight, { resource, action: 'read', rule: OVERSEERS }, async (c, { query }) => {
    const items = oversightRows(await oversightFacts(c.var.services.db));
    if (query.format === 'csv')
      return csvResponse(c, 'colocation-oversight', toCsv(items, OVERSIGHT_CSV_COLUMNS));
    const responseWorkingDays = c.var.services.colocationResponseWorkingDays;
    return reply(c, endpoints.oversight, 200, { items, responseWorkingDays });
  }),
  defineRoute(endpoints.oversightMap, { resource, action: 'read', rule: OVERSEERS }, async (c) => {
    const rows = await pendingRequests(c.var.services.db);
    const on = today();
    return reply(c, endpoints.oversightMap, 200, {
      type: 'FeatureCollection',
      features: rows.map(({ position, ...p }) => ({
        type: 'Feature' as const,
        id: p.id,
        geometry: { type: 'Point' as const, coordinates: position },
        properties: { ...p, overdue: isOverdue(p, on) },
      })),
    });
  }),
];
