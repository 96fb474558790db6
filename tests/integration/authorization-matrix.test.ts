/**
 * The whole authorisation matrix: every subject (anonymous and the 7 roles) against every route
 * of the policy table, with real sessions over the real HTTP app. Allowed → 2xx; denied → 401
 * when anonymous, 403 when signed in. Operator editors are also tried on another operator's
 * records (`own` scope) and must get 403 there.
 */
import { assetResources, type Role } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { GUARDED_PREFIXES } from '../../apps/api/src/policy/authorize.js';
import { ROUTE_POLICIES, type Subject, scopeOf } from '../../apps/api/src/policy/policy-table.js';
import {
  createOrganisation,
  createUnitWithCells,
  farAway,
  insertTestUnit,
  sampleFeature,
} from '../support/fixtures.js';
import { call } from '../support/http.js';
import { geoTiff } from '../support/rasters.js';
import { createUser, type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { adminRouteAttempt } from './admin-support.js';
import { colocationRouteAttempt } from './colocation-support.js';
import { ftthRouteAttempt } from './ftth-support.js';
import { waitForImport } from './imports-app.js';
import { indicatorRouteAttempt } from './indicators-support.js';
import type { MatrixAttempt, MatrixContext, MatrixOrg } from './matrix-context.js';
import { permitRouteAttempt } from './permits-support.js';
import { planExportRouteAttempt } from './plan-exports-support.js';
import { planRouteAttempt } from './plans-support.js';
import { publicRouteAttempt } from './public-support.js';
import { searchRouteAttempt } from './search-support.js';
import { sharingRouteAttempt } from './sharing-support.js';
import { offerFeature, siteRouteAttempt } from './sites-support.js';
import { taskRouteAttempt } from './tasks-support.js';
import { violationRouteAttempt } from './violations-support.js';

const SUBJECTS: Subject[] = [
  'anonymous',
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
const sessions = new Map<Subject, Session | undefined>();
let admin: Session;
let unitCode: string;
const streetId = crypto.randomUUID();

function orgOf(role: Role): string {
  if (role === 'operator_editor' || role === 'operator_viewer') return orgs.operatorA;
  if (role === 'reviewer') return orgs.construction;
  if (role === 'inspector') return orgs.commune;
  if (role === 'viewer') return orgs.public;
  return orgs.city;
}

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  orgs = {
    city: await createOrganisation(db, 'city_department'),
    operatorA: await createOrganisation(db, 'operator'),
    operatorB: await createOrganisation(db, 'operator'),
    construction: await createOrganisation(db, 'construction_department'),
    commune: await createOrganisation(db, 'commune'),
    public: await createOrganisation(db, 'public'),
  };
  unitCode = await insertTestUnit(db, {
    geomWkt: 'MULTIPOLYGON(((20 20, 20.1 20, 20.1 20.1, 20 20.1, 20 20)))',
    labelPoint: [20.05, 20.05],
    name: 'Ma trận',
    unitType: 'ward',
    areaKm2: 1,
    population: 10,
  });
  // The commune organisation (and so its inspector) is scoped to the matrix's ward.
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [orgs.commune, unitCode]);
  await db.query(
    `INSERT INTO streets (id, name, street_class, geom) VALUES ($1, 'Phố Thử', 'local', ST_GeomFromText('LINESTRING(20 20, 20.01 20)', 4326))`,
    [streetId],
  );
  sessions.set('anonymous', undefined);
  for (const subject of SUBJECTS) {
    if (subject !== 'anonymous') sessions.set(subject, await sessionFor(app, db, orgOf(subject), [subject]));
  }
  admin = sessions.get('admin')!;
});

let serial = 0;
/** A fresh record of `path` owned by `owner`, made by the admin; returns its id. */
async function freshRecord(path: string, owner: string): Promise<string> {
  const response = await call<{ id: string }>(app, 'POST', `/api/v1/${path}`, {
    as: admin,
    json: sampleFeature(path, owner, `matrix-${path}-${serial++}`, farAway(2000 + (serial % 50))),
  });
  if (response.status !== 201)
    throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

type Attempt = MatrixAttempt;

/** A concrete request for a route pattern, for `subject`, on a record owned by `owner`. */
async function attemptFor(key: string, subject: Subject, owner: string): Promise<Attempt> {
  for (const attemptOf of [
    adminRouteAttempt,
    planRouteAttempt,
    planExportRouteAttempt,
    indicatorRouteAttempt,
    siteRouteAttempt,
    sharingRouteAttempt,
    permitRouteAttempt,
    violationRouteAttempt,
    colocationRouteAttempt,
    taskRouteAttempt,
    async (_app: App, key: string) => publicRouteAttempt(key),
    ftthRouteAttempt,
    async (_app: App, key: string) => searchRouteAttempt(key),
  ]) {
    const context: MatrixContext = { subject, sessions, orgs, unitCode, owner };
    const attempt = await attemptOf(app, key, admin, context);
    if (attempt) return attempt;
  }
  const [method, pattern] = key.split(' ') as [string, string];
  const asset = assetResources.find((r) => pattern.startsWith(`/api/v1/${r.path}`));
  if (asset) {
    const base = `/api/v1/${asset.path}`;
    if (pattern === base && method === 'GET') return { method, path: `${base}?bbox=0,0,1,1&limit=5` };
    if (pattern === base)
      return { method, path: base, json: sampleFeature(asset.path, owner, `m-${serial++}`, farAway(2100)) };
    const id = await freshRecord(asset.path, owner);
    const path = pattern.replace(':id', id);
    if (method === 'PATCH')
      return { method, path, json: { properties: { status: 'planned' } }, headers: { 'if-match': '1' } };
    if (pattern.endsWith('/restore'))
      return { method, path, json: { version: 1 }, headers: { 'if-match': '1' } };
    return { method, path };
  }
  const role = subject === 'anonymous' ? 'viewer' : subject;
  if (pattern.startsWith('/tiles/')) {
    return {
      method,
      path: pattern.includes('.json') ? '/tiles/towers.json' : '/tiles/towers/14/13047/7220.mvt',
    };
  }
  if (pattern.startsWith('/ogc')) {
    const featureId = pattern.endsWith(':featureId') ? await freshRecord('towers', owner) : '';
    const path = pattern
      .replace(':collectionId', 'towers')
      .replace(':featureId', featureId)
      .replace(/\/items$/, '/items?limit=1');
    return { method, path };
  }
  if (pattern.startsWith('/api/v1/imports')) return importAttempt(key, subject, owner);
  switch (key) {
    case 'GET /api/v1/admin-units/:code':
      return { method, path: `/api/v1/admin-units/${unitCode}` };
    case 'GET /api/v1/organisations/:id':
      return { method, path: `/api/v1/organisations/${orgs.city}` };
    case 'GET /api/v1/streets/:id':
      return { method, path: `/api/v1/streets/${streetId}` };
    case 'GET /api/v1/population/summary':
      return { method, path: '/api/v1/population/summary?bbox=0,0,1,1' };
    case 'POST /api/v1/auth/login': {
      const user = await createUser(await testDatabase(), orgs.public, ['viewer']);
      return { method, path: pattern, json: { email: user.email, password: user.password } };
    }
    case 'POST /api/v1/auth/logout':
    case 'POST /api/v1/auth/sessions/revoke-all':
      return subject === 'anonymous'
        ? { method, path: pattern }
        : {
            method,
            path: pattern,
            session: await sessionFor(app, await testDatabase(), orgOf(role), [role]),
          };
    case 'POST /api/v1/users':
      return {
        method,
        path: pattern,
        json: {
          email: `new-${serial++}-${crypto.randomUUID().slice(0, 6)}@test.hatang`,
          displayName: 'New user',
          orgId: orgs.public,
          roles: ['viewer'],
          password: 'a long enough password',
        },
      };
    case 'PATCH /api/v1/users/:id':
    case 'POST /api/v1/users/:id/password':
    case 'POST /api/v1/users/:id/revoke-sessions': {
      const target = await createUser(await testDatabase(), orgs.public, ['viewer']);
      const path = pattern.replace(':id', target.id);
      if (key.startsWith('PATCH')) return { method, path, json: { displayName: 'Renamed' } };
      if (key.endsWith('/password')) return { method, path, json: { password: 'another long password' } };
      return { method, path };
    }
    case 'GET /api/v1/exports/:resource':
      return { method, path: '/api/v1/exports/towers?format=geojson&bbox=0,0,1,1' };
    case 'GET /api/v1/exports/ofds/:part':
      return { method, path: '/api/v1/exports/ofds/spans?bbox=0,0,1,1' };
    case 'POST /api/v1/analysis/coverage': {
      // Operators and inspectors analyse their own organisation's network; staff any operator's.
      const own = subject === 'inspector' ? orgs.commune : orgs.operatorA;
      return { method, path: pattern, json: { technology: '4G', operators: [own], maxSites: 1 } };
    }
    case 'GET /api/v1/analysis/coverage/:jobId':
    case 'DELETE /api/v1/analysis/coverage/:jobId': {
      // A job is its requester's: each analyst asks about (or cancels) one it started itself.
      const analyst = !!scopeOf(ROUTE_POLICIES.get('POST /api/v1/analysis/coverage')!.rule, [subject]);
      const own = subject === 'inspector' ? orgs.commune : orgs.operatorA;
      const job = await call<{ jobId: string }>(app, 'POST', '/api/v1/analysis/coverage', {
        as: analyst ? sessions.get(subject) : admin,
        json: { technology: '4G', operators: [own], maxSites: 1 },
      });
      return { method, path: pattern.replace(':jobId', job.body.jobId) };
    }
    case 'PUT /api/v1/analysis/coverage-polygons/:operatorId/:technology':
    case 'DELETE /api/v1/analysis/coverage-polygons/:operatorId/:technology': {
      const path = pattern.replace(':operatorId', owner).replace(':technology', '2G');
      const [x, y] = farAway(2400);
      const json = {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.01, y],
            [x + 0.01, y + 0.01],
            [x, y],
          ],
        ],
      };
      if (method === 'PUT') return { method, path, json };
      const put = await call(app, 'PUT', path, { as: admin, json });
      if (put.status >= 300) throw new Error(`fixture coverage polygon: ${put.status}`);
      return { method, path };
    }
    case 'POST /api/v1/api-keys':
      return { method, path: pattern, json: { name: 'matrix key', scopes: ['read'] } };
    case 'DELETE /api/v1/api-keys/:id': {
      const holder = sessions.get(subject) ?? admin;
      const created = await call<{ id: string }>(app, 'POST', '/api/v1/api-keys', {
        as: holder,
        json: { name: 'to revoke', scopes: ['read'] },
      });
      return { method, path: pattern.replace(':id', created.body.id) };
    }
    default:
      return { method, path: pattern.replace(':code', '99999').replace(':id', crypto.randomUUID()) };
  }
}

/** Uploads a one-manhole GeoJSON import as `session` and waits until it is parsed; returns its id. */
async function uploadedImport(session: Session, owner: string): Promise<string> {
  const response = await app.request('/api/v1/imports', {
    method: 'POST',
    headers: session.headers,
    body: manholeUpload(owner),
  });
  const { id } = (await response.json()) as { id: string };
  await waitForImport(app, session, id);
  return id;
}

function manholeUpload(owner: string): FormData {
  const form = new FormData();
  const feature = sampleFeature('manholes', owner, `imp-${serial++}`, farAway(2200));
  const file = JSON.stringify({ type: 'FeatureCollection', features: [feature] });
  form.set('file', new File([file], 'manholes.geojson'));
  form.set('resource', 'manholes');
  return form;
}

/** Import routes: only the uploader (or an admin) sees an import, so the subject uploads its own. */
async function importAttempt(key: string, subject: Subject, owner: string): Promise<Attempt> {
  const [method, pattern] = key.split(' ') as [string, string];
  if (key === 'POST /api/v1/imports') return { method, path: pattern, form: manholeUpload(owner) };
  if (key === 'POST /api/v1/imports/population') {
    const centre = farAway(2300 + (serial++ % 50));
    await createUnitWithCells(await testDatabase(), centre);
    const form = new FormData();
    const raster = geoTiff([1, 2, 3, 4], 2, centre[0] - 0.005, centre[1] + 0.005, 0.005);
    form.set('file', new File([raster.slice()], 'population.tif'));
    return { method, path: pattern, form };
  }
  const session = sessions.get(subject);
  const mayImport = scopeOf(ROUTE_POLICIES.get('POST /api/v1/imports')!.rule, [subject]);
  const id = await uploadedImport(session && mayImport ? session : admin, owner);
  const path = pattern.replace(':id', id);
  if (method === 'PATCH') return { method, path, json: { duplicates: 'skip' } };
  return { method, path };
}

describe('the policy table', () => {
  it('covers every API route, and names no route that does not exist', () => {
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && GUARDED_PREFIXES.some((prefix) => r.path.startsWith(prefix)))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...registered].filter((route) => !ROUTE_POLICIES.has(route))).toEqual([]);
    expect([...ROUTE_POLICIES.keys()].filter((route) => !registered.has(route))).toEqual([]);
  });
});

describe('the policy table says what the issue asks', () => {
  const rule = (key: string) => ROUTE_POLICIES.get(key)!.rule;
  it('lets anyone read assets, and only editors, planners and admins write them', () => {
    expect(scopeOf(rule('GET /api/v1/towers'), ['anonymous'])).toBe('all');
    for (const subject of ['anonymous', 'operator_viewer', 'reviewer', 'inspector', 'viewer'] as const) {
      expect(scopeOf(rule('POST /api/v1/towers'), [subject])).toBeUndefined();
    }
    expect(scopeOf(rule('PATCH /api/v1/ducts/:id'), ['operator_editor'])).toBe('own');
    expect(scopeOf(rule('DELETE /api/v1/poles/:id'), ['planner'])).toBe('all');
  });

  it('opens the public page to everyone, signed in or not', () => {
    const publicRoutes = [...ROUTE_POLICIES.keys()].filter((k) => k.startsWith('GET /api/v1/public/'));
    expect(publicRoutes.sort()).toEqual([
      'GET /api/v1/public/indicators',
      'GET /api/v1/public/plan',
      'GET /api/v1/public/tasks',
      'GET /api/v1/public/undergrounding',
    ]);
    for (const key of publicRoutes) for (const s of SUBJECTS) expect(scopeOf(rule(key), [s])).toBe('all');
  });

  it('keeps user administration to admins', () => {
    for (const subject of SUBJECTS.filter((s) => s !== 'admin')) {
      expect(scopeOf(rule('POST /api/v1/users'), [subject])).toBeUndefined();
    }
  });
});

describe('every subject against every route', () => {
  const keys = [...ROUTE_POLICIES.keys()];
  it.each(SUBJECTS.map((s) => [s]))('%s', async (subject) => {
    const outcomes: string[] = [];
    for (const key of keys) {
      const policy = ROUTE_POLICIES.get(key)!;
      const scope = scopeOf(policy.rule, [subject]);
      // Keys are always the holder's own; an import's rows are checked against the owner at commit
      // (tested in imports.test.ts), so the matrix tries both owners only on asset records.
      const perRecord = scope === 'own' && !['api-keys', 'imports'].includes(policy.resource);
      const owners = perRecord ? [orgs.operatorA, orgs.operatorB] : [orgs.operatorA];
      for (const owner of owners) {
        const attempt = await attemptFor(key, subject, owner);
        const session = attempt.session ?? sessions.get(subject);
        const response = attempt.form
          ? await app.request(attempt.path, {
              method: attempt.method,
              headers: { ...session?.headers, ...attempt.headers },
              body: attempt.form,
            })
          : await call<{ error?: { code: string } }>(app, attempt.method, attempt.path, {
              as: session,
              json: attempt.json,
              headers: attempt.headers,
            });
        const allowed = scope === 'all' || (scope === 'own' && owner === orgs.operatorA);
        const expected = allowed ? '2xx' : subject === 'anonymous' ? '401' : '403';
        const actual = response.status >= 200 && response.status < 300 ? '2xx' : String(response.status);
        outcomes.push(`${key} owner=${owner === orgs.operatorA ? 'own' : 'other'}: ${actual}`);
        expect(
          actual,
          `${subject} ${key} (owner ${owner === orgs.operatorA ? 'A' : 'B'}): ${JSON.stringify(response.body)}`,
        ).toBe(expected);
      }
    }
    console.log(`authorisation matrix: ${subject} × ${outcomes.length} requests`);
  });
});

/**
 * Rows the policy table cannot express (issue 15, item 4): what each subject may do or see of
 * another organisation's records once a route admits it. Expected: `2xx`, `401`, `403`, or for
 * history whether the actors show. The leak tests (leaks-*.test.ts) search the answers' text.
 */
describe('cross-organisation rows', () => {
  const STAFF = new Set<Subject>(['admin', 'planner', 'reviewer']);
  const refused = (subject: Subject) => (subject === 'anonymous' ? '401' : '403');
  const status = (code: number) => (code >= 200 && code < 300 ? '2xx' : String(code));
  const analysts = (subject: Subject) =>
    scopeOf(ROUTE_POLICIES.get('POST /api/v1/analysis/coverage')!.rule, [subject]);

  it.each(SUBJECTS.map((s) => [s]))(
    "coverage restricted to operator B's network or 60 m radii: %s",
    async (subject) => {
      const session = sessions.get(subject);
      const own = subject === 'inspector' ? orgs.commune : orgs.operatorA;
      const rival = await call(app, 'POST', '/api/v1/analysis/coverage', {
        as: session,
        json: { technology: '4G', operators: [orgs.operatorB], maxSites: 0, gapLimit: 1 },
      });
      const small = await call(app, 'POST', '/api/v1/analysis/coverage', {
        as: session,
        json: {
          technology: '4G',
          operators: [own],
          maxSites: 0,
          gapLimit: 1,
          radiusOverrides: { '4G': { urban: 60 } },
        },
      });
      const expected = STAFF.has(subject) ? '2xx' : analysts(subject) ? '403' : refused(subject);
      expect([status(rival.status), status(small.status)]).toEqual([expected, expected]);
    },
  );

  it.each(SUBJECTS.map((s) => [s]))('a site offer outside the matrix ward: %s', async (subject) => {
    const offer = await call(app, 'POST', '/api/v1/site-offers', {
      as: sessions.get(subject),
      json: offerFeature([20.2, 20.05], { name: 'Ngoài phường' }),
    });
    const expected = subject === 'admin' || subject === 'planner' ? '2xx' : refused(subject);
    expect(status(offer.status)).toBe(expected);
  });

  it.each(SUBJECTS.map((s) => [s]))("actors in the history of operator B's tower: %s", async (subject) => {
    const id = await freshRecord('towers', orgs.operatorB);
    const history = await call<{ items: { actor: unknown; actorHidden?: boolean }[] }>(
      app,
      'GET',
      `/api/v1/towers/${id}/history`,
      { as: sessions.get(subject) },
    );
    expect(history.status).toBe(200);
    const shown = history.body.items.map((i) => (i.actorHidden ? 'hidden' : 'shown'));
    expect(shown).toEqual([STAFF.has(subject) ? 'shown' : 'hidden']);
    if (!STAFF.has(subject)) expect(JSON.stringify(history.body)).not.toContain(admin.user.id);
  });

  it.each(SUBJECTS.map((s) => [s]))("operator B's coverage polygons: %s", async (subject) => {
    const [x, y] = farAway(2450);
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.01, y],
          [x + 0.01, y + 0.01],
          [x, y],
        ],
      ],
    };
    const put = await call(app, 'PUT', `/api/v1/analysis/coverage-polygons/${orgs.operatorB}/3G`, {
      as: admin,
      json: polygon,
    });
    expect(put.status).toBeLessThan(300);
    const listed = await call<{ features: { properties: { operatorId: string } }[] }>(
      app,
      'GET',
      '/api/v1/analysis/coverage-polygons',
      { as: sessions.get(subject) },
    );
    if (!analysts(subject)) return expect(status(listed.status)).toBe(refused(subject));
    const seesB = listed.body.features.some((f) => f.properties.operatorId === orgs.operatorB);
    expect(seesB).toBe(STAFF.has(subject));
  });
});
