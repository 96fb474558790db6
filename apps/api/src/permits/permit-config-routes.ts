/**
 * `/permit-check-config`: the automatic checks' parameters, versioned. Admins change any of them;
 * planners only the airport part (they are the ones who correct the runway thresholds and the
 * height-limit surfaces): a planner's PUT that changes anything else is refused with 403. Every
 * change is a new version (If-Match: the current version; 0 = the built-in defaults), audited.
 */
import type { PermitCheckConfig } from '@hatang/analysis';
import { permitCheckConfigUpdate } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { etag, readIfMatch } from '../http/body.js';
import { parseBody, userOf } from '../http/request-input.js';
import { checkConfigHistory, currentCheckConfig, insertCheckConfig } from './check-config-store.js';
import { seesStaffChecks } from './permit-access.js';

/** Who changed the checks is for city staff; operators and inspectors see what and when. */
const withoutActor = <T extends { createdBy: string | null }>(
  c: { get(key: 'principal'): Principal | undefined },
  v: T,
): T => (seesStaffChecks(c.get('principal')) ? v : { ...v, createdBy: null });

/** The parts of the configuration other than the airport's, for comparing a planner's change. */
const beyondAirport = (p: PermitCheckConfig) => JSON.stringify({ ...p, airport: undefined });

export function permitConfigRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/permit-check-config', async (c) => {
    const current = await currentCheckConfig(db);
    c.header('ETag', etag(current.version));
    return c.json(withoutActor(c, current));
  });

  app.get('/permit-check-config/history', async (c) =>
    c.json({ items: (await checkConfigHistory(db)).map((v) => withoutActor(c, v)) }),
  );

  app.put('/permit-check-config', async (c) => {
    const expected = readIfMatch(c);
    const input = await parseBody(c, permitCheckConfigUpdate);
    const params = input.params as PermitCheckConfig;
    const roles = c.get('principal')?.roles ?? [];
    const saved = await db.transaction(async (tx) => {
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
      const next = await insertCheckConfig(tx, current.version + 1, params, input.note ?? null, userOf(c));
      await recordAudit(tx, c, {
        resource: 'permit-check-config',
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
    return c.json(saved);
  });

  return app;
}
