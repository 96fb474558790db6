/**
 * Every subject against every sharing route, with real sessions: allowed → 2xx, denied → 401 when
 * anonymous and 403 when signed in. The same attempts serve the app-wide matrix
 * (authorization-matrix.test.ts: `sharingRouteAttempt`).
 */
import type { Role } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { sharingRoutes } from '../../apps/api/src/features/sharing/sharing-routes.js';
import { type Subject, scopeOf } from '../../apps/api/src/policy/policy-table.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { sharingRouteAttempt } from './sharing-support.js';

const SHARING_ROUTE_POLICIES = sharingRoutes.map(
  (route) => [`${route.endpoint.method} ${route.endpoint.path}`, route.policy] as const,
);

const ROLES: Role[] = [
  'admin',
  'planner',
  'operator_editor',
  'operator_viewer',
  'reviewer',
  'inspector',
  'viewer',
];
let app: App;
const sessions = new Map<Subject, Session | undefined>([['anonymous', undefined]]);

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  const operator = await createOrganisation(db, 'operator');
  for (const role of ROLES) sessions.set(role, await sessionFor(app, db, operator, [role]));
});

describe('sharing routes under the policy table', () => {
  it('keeps the sharing tier from the public', () => {
    for (const [key, policy] of SHARING_ROUTE_POLICIES) {
      expect(scopeOf(policy.rule, ['viewer']), key).toBeUndefined();
      expect(scopeOf(policy.rule, ['anonymous']), key).toBeUndefined();
      if (policy.action === 'read') expect(scopeOf(policy.rule, ['operator_viewer']), key).toBe('all');
    }
  });

  it('keeps the undergrounding campaign’s writes to planners and admins', () => {
    const writes = SHARING_ROUTE_POLICIES.filter(([, p]) => p.action !== 'read');
    expect(writes.map(([key]) => key).sort()).toEqual([
      'DELETE /api/v1/sharing/campaign/segments/:id',
      'PATCH /api/v1/sharing/campaign/segments/:id',
      'POST /api/v1/sharing/campaign/segments',
    ]);
    for (const [key, policy] of writes) {
      for (const role of ROLES)
        expect(scopeOf(policy.rule, [role]), `${role} ${key}`).toBe(
          role === 'admin' || role === 'planner' ? 'all' : undefined,
        );
    }
  });

  it.each(['anonymous' as Subject, ...ROLES].map((s) => [s]))(
    '%s gets 2xx where allowed and 401/403 elsewhere',
    async (subject) => {
      const admin = sessions.get('admin');
      if (!admin) throw new Error('no admin session');
      const outcomes: string[] = [];
      for (const [key, policy] of SHARING_ROUTE_POLICIES) {
        const attempt = await sharingRouteAttempt(app, key, admin);
        if (!attempt) throw new Error(`no attempt for ${key}`);
        const response = await call(app, attempt.method, attempt.path, {
          as: sessions.get(subject),
          json: attempt.json,
          headers: attempt.headers,
        });
        const allowed = scopeOf(policy.rule, [subject]) !== undefined;
        const expected = allowed ? '2xx' : subject === 'anonymous' ? '401' : '403';
        const actual = response.status < 300 ? '2xx' : String(response.status);
        if (actual !== expected)
          outcomes.push(`${key}: ${actual} (expected ${expected}) ${JSON.stringify(response.body)}`);
      }
      expect(outcomes).toEqual([]);
    },
  );
});
