/** `/colocation-occupancies`: what accepted requests hold, per asset, declared once. */
import { colocationEndpoints as endpoints } from '@hatang/contracts';
import { defineRoute, reply } from '../../http/define-route.js';
import { READERS } from './colocation-rules.js';
import { listOccupancies } from './occupancy-repository.js';
import { isOverseer } from './request-access.js';

export const occupancyRoutes = [
  /** Operators see what their organisation owns or occupies; planners and admins everything. */
  defineRoute(
    endpoints.listOccupancies,
    { resource: 'colocation-occupancies', action: 'read', rule: READERS },
    async (c, { query }) => {
      const principal = c.get('principal');
      const items = await listOccupancies(c.var.services.db, {
        ...query,
        orgId: isOverseer(principal) ? undefined : principal?.orgId,
      });
      return reply(c, endpoints.listOccupancies, 200, { items });
    },
  ),
];
