/**
 * The app the plan tests call: the real `createApp` once the plan routes are wired into it and
 * into ROUTE_POLICIES; until then, the same middleware (authenticate, the policy table with the
 * plan rows added, the error handler) around `planRoutes`, so the tests exercise the real
 * authorisation rules either way.
 */
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
import { type App, createApp } from '../../apps/api/src/app.js';
import { authenticate, authRoutes } from '../../apps/api/src/auth/index.js';
import type { AppEnv } from '../../apps/api/src/context.js';
import { ApiError } from '../../apps/api/src/errors.js';
import { onError, onNotFound } from '../../apps/api/src/middleware/error-handler.js';
import { PLAN_ROUTE_POLICIES } from '../../apps/api/src/plans/plan-policies.js';
import { subjectsOf } from '../../apps/api/src/policy/authorize.js';
import { ROUTE_POLICIES, scopeOf } from '../../apps/api/src/policy/policy-table.js';
import { planRoutes } from '../../apps/api/src/routes/plans.js';
import { TEST_SCRYPT_N } from '../support/sessions.js';

export function plansApp(db: Database): App {
  if (ROUTE_POLICIES.has('GET /api/v1/plans')) return createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const policies = new Map([...ROUTE_POLICIES, ...PLAN_ROUTE_POLICIES]);
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.onError(onError);
  app.notFound(onNotFound);
  app.use('/api/*', authenticate(db, { scryptN: TEST_SCRYPT_N }));
  app.use('/api/v1/*', async (c, next) => {
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'));
    if (!route) return next();
    const policy = policies.get(`${route.method} ${route.path}`);
    if (!policy)
      throw new ApiError(403, 'FORBIDDEN', `No access policy covers ${route.method} ${route.path}`);
    const principal = c.get('principal');
    const scope = scopeOf(policy.rule, subjectsOf(principal));
    if (!scope) {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in');
      throw new ApiError(403, 'FORBIDDEN', `Your role may not ${policy.action} ${policy.resource}`);
    }
    c.set('grant', { resource: policy.resource, action: policy.action, scope, principal });
    return next();
  });
  app.route('/api/v1/auth', authRoutes(db, { scryptN: TEST_SCRYPT_N }));
  app.route('/api/v1', planRoutes(db));
  return app;
}
