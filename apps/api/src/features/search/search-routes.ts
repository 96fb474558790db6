/**
 * `GET /api/v1/search`: everyone may search; what each viewer finds is scoped in the SQL
 * (search-scope.ts), so the box leaks nothing the kinds' own routes would not show.
 */
import { searchEndpoints as endpoints } from '@hatang/contracts';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import { EVERYONE } from '../../policy/rules.js';
import { search } from './search-service.js';

export const searchRoutes: RouteDefinition[] = [
  defineRoute(
    endpoints.search,
    { resource: 'search', action: 'read', rule: EVERYONE },
    async (c, { query }) =>
      reply(c, endpoints.search, 200, {
        q: query.q,
        results: await search(c.var.services.db, c.get('principal'), query.q, query.limit),
      }),
  ),
];
