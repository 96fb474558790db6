/**
 * `/ftth-reports` and `/ftth/communes`: fibre to the home (issue #17, item 2). Operators upload
 * and read their own figures; the city's staff read every operator's and the per-commune summary
 * beside the proxy (ftth-access.ts says why nobody else does).
 */
import { ftthEndpoints as endpoints } from '@hatang/contracts';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import { FTTH_READERS, FTTH_STAFF, FTTH_WRITERS } from './ftth-access.js';
import { communeSummary, FTTH_REPORTS, readReports, uploadReports } from './ftth-service.js';

export const ftthRoutes: RouteDefinition[] = [
  defineRoute(
    endpoints.uploadReports,
    { resource: FTTH_REPORTS, action: 'create', rule: FTTH_WRITERS },
    async (c, { body }) => reply(c, endpoints.uploadReports, 201, await uploadReports(c, body)),
  ),
  defineRoute(
    endpoints.listReports,
    { resource: FTTH_REPORTS, action: 'read', rule: FTTH_READERS },
    async (c, { query }) => reply(c, endpoints.listReports, 200, { reports: await readReports(c, query) }),
  ),
  defineRoute(
    endpoints.communeSummary,
    { resource: 'ftth-summary', action: 'read', rule: FTTH_STAFF },
    async (c, { query }) => reply(c, endpoints.communeSummary, 200, await communeSummary(c, query)),
  ),
];
