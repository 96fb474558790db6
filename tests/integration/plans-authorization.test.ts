/**
 * Every subject against every plan route, with real sessions: allowed → 2xx, denied → 401 when
 * anonymous and 403 when signed in. The same attempts serve the app-wide matrix once the plan
 * routes are in ROUTE_POLICIES (authorization-matrix.test.ts: `planRouteAttempt`).
 */
import type { Role } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { PLAN_ROUTE_POLICIES } from '../../apps/api/src/features/plans/plan-routes.js';
import { type Subject, scopeOf } from '../../apps/api/src/policy/policy-table.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { planRouteAttempt, plansApp } from './plans-support.js';

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
  const org = await createOrganisation(db, 'city_department');
  for (const role of ROLES) sessions.set(role, await sessionFor(app, db, org, [role]));
});

describe('plan routes under the policy table', () => {
  it('lets admins alone approve, admins and planners draft, and everyone signed in read published versions', () => {
    const rule = (key: string) => PLAN_ROUTE_POLICIES.find(([k]) => k === key)?.[1].rule ?? {};
    expect(Object.keys(rule('POST /api/v1/plan-versions/:id/approve'))).toEqual(['admin']);
    expect(Object.keys(rule('POST /api/v1/plan-versions/:id/items')).sort()).toEqual(['admin', 'planner']);
    expect(scopeOf(rule('GET /api/v1/plan-versions/:id'), ['anonymous'])).toBeUndefined();
  });

  it.each([...sessions.keys(), ...ROLES].filter((s, i, all) => all.indexOf(s) === i).map((s) => [s]))(
    '%s gets 2xx where allowed and 401/403 elsewhere',
    async (subject) => {
      const admin = sessions.get('admin');
      if (!admin) throw new Error('no admin session');
      const outcomes: string[] = [];
      for (const [key, policy] of PLAN_ROUTE_POLICIES) {
        const attempt = await planRouteAttempt(app, key, admin);
        if (!attempt) throw new Error(`no attempt for ${key}`);
        const response = await call(app, attempt.method, attempt.path, {
          as: sessions.get(subject as Subject),
          json: attempt.json,
          headers: attempt.headers,
        });
        const allowed = scopeOf(policy.rule, [subject as Subject]) !== undefined;
        const expected = allowed ? '2xx' : subject === 'anonymous' ? '401' : '403';
        const actual = response.status < 300 ? '2xx' : String(response.status);
        if (actual !== expected)
          outcomes.push(`${key}: ${actual} (expected ${expected}) ${JSON.stringify(response.body)}`);
      }
      expect(outcomes).toEqual([]);
    },
  );
});
