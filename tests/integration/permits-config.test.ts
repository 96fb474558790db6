/**
 * The checks' configuration: versioned (If-Match, a new row each change, history), validated by
 * its zod schema, audited; admins change all of it, planners the airport part only; the checks
 * run with the current version and store it; the queue counts the configured statutory period.
 * Restores the built-in defaults at the end (a new version), so other tests see the defaults.
 */
import { DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig } from '@hatang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { filed, towerApplication } from './permits-support.js';

type ConfigVersion = { version: number; id: string | null; params: PermitCheckConfig; note: string | null };
type Check = { check: string; result: string };
type Application = { id: string; version: number; checks: Check[]; checkConfigVersion: number | null };

let app: App;
let admin: Session;
let planner: Session;
let reviewer: Session;
let operator: Session;

const site = farAway(510);
/** 1 000 m due north of the site. */
const reference: [number, number] = [site[0], Number((site[1] - 1000 / 110_574).toFixed(7))];

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  admin = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['admin']);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  operator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
});

const current = () => call<ConfigVersion>(app, 'GET', '/api/v1/permit-check-config', { as: reviewer });
const put = (as: Session, version: number, params: unknown, note?: string) =>
  call<ConfigVersion & { error?: { code: string } }>(app, 'PUT', '/api/v1/permit-check-config', {
    as,
    json: { params, note },
    headers: { 'if-match': String(version) },
  });
const clone = (p: PermitCheckConfig): PermitCheckConfig => structuredClone(p);

afterAll(async () => {
  const now = await current();
  await put(
    admin,
    now.body.version,
    clone(DEFAULT_PERMIT_CHECK_CONFIG as PermitCheckConfig),
    'test: back to defaults',
  );
});

describe('permit check configuration', () => {
  it('answers the current version with its ETag, and refuses a write without or with a stale If-Match, or invalid', async () => {
    const now = await current();
    expect(now.status).toBe(200);
    expect(now.headers.get('etag')).toBe(`"${now.body.version}"`);
    expect(now.body.params.review.statutoryPeriodDays).toBeGreaterThan(0);
    const missing = await call(app, 'PUT', '/api/v1/permit-check-config', {
      as: admin,
      json: { params: now.body.params },
    });
    expect(missing.status).toBe(428);
    expect((await put(admin, now.body.version + 5, now.body.params)).status).toBe(409);
    const invalid = clone(now.body.params);
    invalid.airport.innerHeightM = -3;
    const bad = await put(admin, now.body.version, invalid);
    expect(bad.status).toBe(400);
    expect((await put(admin, now.body.version, { ...now.body.params, surprise: 1 })).status).toBe(400);
    expect((await current()).body.version).toBe(now.body.version);
  });

  it('stores each change as a new, audited version; the checks use it and say which', async () => {
    const now = await current();
    const params = clone(now.body.params);
    params.airport.referencePoint = reference;
    params.airport.innerHeightM = 25;
    params.review.statutoryPeriodDays = 15;
    const saved = await put(admin, now.body.version, params, 'Thử nghiệm: điểm quy chiếu khác');
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(now.body.version + 1);
    expect(saved.body.params.airport.innerHeightM).toBe(25);

    const history = await call<{ items: ConfigVersion[] }>(
      app,
      'GET',
      '/api/v1/permit-check-config/history',
      {
        as: reviewer,
      },
    );
    expect(history.body.items[0]).toMatchObject({
      version: saved.body.version,
      note: 'Thử nghiệm: điểm quy chiếu khác',
    });
    expect(history.body.items.at(-1)?.version).toBe(0);
    const audit = await (await testDatabase()).query<{ version: number }>(
      `SELECT version FROM audit_log WHERE resource = 'permit-check-config' AND record_id = $1`,
      [saved.body.id],
    );
    expect(audit).toEqual([{ version: saved.body.version }]);

    // A 30 m tower 1 km from the configured reference point: above the 25 m inner surface.
    const a = (await filed(app, operator.headers, towerApplication(site))) as unknown as Application;
    const read = await call<Application & { statutoryPeriodDays: number }>(
      app,
      'GET',
      `/api/v1/permit-applications/${a.id}`,
      { as: reviewer },
    );
    expect(read.body.checkConfigVersion).toBe(saved.body.version);
    expect(read.body.checks.find((c) => c.check === 'airport-height')?.result).toBe('fail');
    expect(read.body.statutoryPeriodDays).toBe(15);

    // Back to the defaults (Cát Bi far away): the same tower is outside the surfaces.
    const restored = await put(
      admin,
      saved.body.version,
      clone(DEFAULT_PERMIT_CHECK_CONFIG as PermitCheckConfig),
    );
    expect(restored.status).toBe(200);
    const again = await call<Application>(app, 'POST', `/api/v1/permit-applications/${a.id}/checks`, {
      as: reviewer,
    });
    expect(again.body.checkConfigVersion).toBe(restored.body.version);
    expect(again.body.checks.find((c) => c.check === 'airport-height')?.result).toBe('not_applicable');
  });

  it('lets planners correct the airport part (the runway), nothing else; others only read', async () => {
    const now = await current();
    const runway = clone(now.body.params);
    runway.airport.runwayThresholds = [
      [106.713997, 20.816099],
      [106.7405, 20.82405],
    ];
    const corrected = await put(
      planner,
      now.body.version,
      runway,
      'Ngưỡng đường băng sau khi kéo dài lên 3 050 m',
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body.params.airport.runwayThresholds?.[1]).toEqual([106.7405, 20.82405]);
    const beyond = clone(corrected.body.params);
    beyond.review.statutoryPeriodDays = 30;
    const refused = await put(planner, corrected.body.version, beyond);
    expect(refused.status).toBe(403);
    expect((await put(reviewer, corrected.body.version, corrected.body.params)).status).toBe(403);
    expect((await put(operator, corrected.body.version, corrected.body.params)).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/permit-check-config', { as: operator })).status).toBe(200);
  });
});
