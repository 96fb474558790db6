/**
 * `/permit-check-config`: the automatic checks' parameters, versioned. Admins change any of them;
 * planners only the airport part (they are the ones who correct the runway thresholds and the
 * height-limit surfaces): a planner's PUT that changes anything else is refused with 403. Every
 * change is a new version (If-Match: the current version; 0 = the built-in defaults), audited.
 */
import type { PermitCheckConfig } from '@hatang/contracts';
import { permitEndpoints as endpoints } from '@hatang/contracts';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { etag, readIfMatch } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { userOf } from '../../http/request-input.js';
import { checkConfigHistory, currentCheckConfig, insertCheckConfig } from './check-config-repository.js';
import { CONFIG_EDITORS, CONFIG_READERS, seesStaffChecks } from './permit-access.js';

/** Who changed the checks is for city staff; operators and inspectors see what and when. */
const withoutActor = <T extends { createdBy: string | null }>(c: Context<AppEnv>, v: T): T =>
  seesStaffChecks(c.get('principal')) ? v : { ...v, createdBy: null };

/** The parts of the configuration other than the airport's, for comparing a planner's change. */
const beyondAirport = (p: PermitCheckConfig) => JSON.stringify({ ...p, airport: undefined });

const resource = 'permit-check-config';

export const permitConfigRoutes = [
  defineRoute(
    endpoints.getPermitCheckConfig,
    { resource, action: 'read', rule: CONFIG_READERS },
    async (c) => {
      const current = await currentCheckConfig(c.var.services.db);
      c.header('ETag', etag(current.version));
      return reply(c, endpoints.getPermitCheckConfig, 200, withoutActor(c, current));
    },
  ),
  defineRoute(
    endpoints.updatePermitCheckConfig,
    { resource, action: 'update', rule: CONFIG_EDITORS },
    async (c, { body }) => {
      const expected = readIfMatch(c);
      const params = body.params as PermitCheckConfig;
      const roles = c.get('principal')?.roles ?? [];
      const saved = await c.var.services.db.transaction(async (tx) => {
        const current = await currentCheckConfig(tx, true);
        if (current.version !== expected)
          throw new ApiError(
            409,
            'VERSION_CONFLICT',
            `The check configuration is at version ${current.version}, not ${expected}: it changed since you read it`,
            undefined,
            current,
          );
        if (!roles.includes('admin') && beyondAirport(params) !== beyondAirport(current.params))
          throw new ApiError(
            403,
            'FORBIDDEN',
            'Planners may change the airport parameters only; ask an admin for the rest',
          );
        const next = await insertCheckConfig(tx, current.version + 1, params, body.note ?? null, userOf(c));
        await recordAudit(tx, c, {
          resource,
          recordId: next.id ?? '',
          // An update even from version 0: the built-in defaults are the record's first state.
          action: 'update',
          version: next.version,
          before: current,
          after: next,
        });
        return next;
      });
      c.header('ETag', etag(saved.version));
      return reply(c, endpoints.updatePermitCheckConfig, 200, saved);
    },
  ),
  defineRoute(
    endpoints.permitCheckConfigHistory,
    { resource, action: 'read', rule: CONFIG_READERS },
    async (c) => {
      const items = await checkConfigHistory(c.var.services.db);
      return reply(c, endpoints.permitCheckConfigHistory, 200, {
        items: items.map((v) => withoutActor(c, v)),
      });
    },
  ),
];
