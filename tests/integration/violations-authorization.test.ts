/**
 * Every subject against every violation route, with real sessions and the matrix's own attempt
 * maker (`violationRouteAttempt`, also used by authorization-matrix.test.ts): allowed → 2xx,
 * denied → 401 when anonymous and 403 when signed in.
 */
import type { Role } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { violationRoutes } from '../../apps/api/src/features/violations/violation-routes.js';
import { type Subject, scopeOf } from '../../apps/api/src/policy/policy-table.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixContext, MatrixOrg } from './matrix-context.js';
import { violationRouteAttempt } from './violations-support.js';

/** The violation routes' policies, by `METHOD /path` (as the policy table keys them). */
const VIOLATION_ROUTE_POLICIES = violationRoutes.map(
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
let orgs: Record<MatrixOrg, string>;
let unitCode: string;
const sessions = new Map<Subject, Session | undefined>([['anonymous', undefined]]);

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  unitCode = await createUnitWithCells(db, farAway(820), 'Xã Phân Quyền');
  orgs = {
    city: await createOrganisation(db, 'city_department'),
    operatorA: await createOrganisation(db, 'operator'),
    operatorB: await createOrganisation(db, 'operator'),
    construction: await createOrganisation(db, 'construction_department'),
    commune: await createOrganisation(db, 'commune'),
    public: await createOrganisation(db, 'public'),
  };
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [orgs.commune, unitCode]);
  const orgOf: Record<Role, string> = {
    admin: orgs.city,
    planner: orgs.city,
    operator_editor: orgs.operatorA,
    operator_viewer: orgs.operatorA,
    reviewer: orgs.construction,
    inspector: orgs.commune,
    viewer: orgs.public,
  };
  for (const role of ROLES) sessions.set(role, await sessionFor(app, db, orgOf[role], [role]));
});

describe('violation routes under the policy table', () => {
  it('keeps violations from the public and lets only inspectors, planners and admins act', () => {
    for (const [key, policy] of VIOLATION_ROUTE_POLICIES) {
      expect(scopeOf(policy.rule, ['viewer']), key).toBeUndefined();
      expect(scopeOf(policy.rule, ['anonymous']), key).toBeUndefined();
      const acts = policy.action !== 'read';
      for (const subject of ['reviewer', 'operator_editor', 'operator_viewer'] as const)
        expect(scopeOf(policy.rule, [subject]), `${subject} ${key}`).toBe(acts ? undefined : 'all');
      for (const subject of ['inspector', 'planner', 'admin'] as const)
        expect(scopeOf(policy.rule, [subject]), `${subject} ${key}`).toBe('all');
    }
  });

  it.each(['anonymous' as Subject, ...ROLES].map((s) => [s]))(
    '%s gets 2xx where allowed and 401/403 elsewhere',
    async (subject) => {
      const admin = sessions.get('admin');
      if (!admin) throw new Error('no admin session');
      for (const [key, policy] of VIOLATION_ROUTE_POLICIES) {
        const context: MatrixContext = { subject, sessions, orgs, unitCode, owner: orgs.operatorA };
        const attempt = await violationRouteAttempt(app, key, admin, context);
        if (!attempt) throw new Error(`no attempt for ${key}`);
        const session = attempt.session ?? sessions.get(subject);
        const response = attempt.form
          ? await app.request(attempt.path, {
              method: attempt.method,
              headers: { ...session?.headers, ...attempt.headers },
              body: attempt.form,
            })
          : await call(app, attempt.method, attempt.path, {
              as: session,
              json: attempt.json,
              headers: attempt.headers,
            });
        const allowed = scopeOf(policy.rule, [subject]) !== undefined;
        const expected = allowed ? '2xx' : subject === 'anonymous' ? '401' : '403';
        const actual = response.status >= 200 && response.status < 300 ? '2xx' : String(response.status);
        expect(actual, `${subject} ${key}`).toBe(expected);
      }
    },
  );
});
