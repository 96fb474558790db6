/**
 * DII monitoring (Decision 885/QĐ-BTTTT) through the API: the catalogue loaded from
 * data/dii-criteria.json and revised as new versions, yearly values entered by planners or
 * computed from the register, the dashboard's trend and the IOC's feed read with an API key.
 * Years are picked at random in 2060–2099 so runs on a shared database do not meet.
 */
import type { DiiCatalogue, DiiDashboard, IndicatorReport } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { ensureDemoDii } from '../../apps/api/src/features/indicators/demo-dii.js';
import { readCatalogueFile } from '../../apps/api/src/features/indicators/dii-repository.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';

let db: Database;
let app: App;
let planner: Session;
let viewer: Session;
/**
 * A year after every HT1.14 value already stored (2060 on a fresh database), so the test's values
 * stand alone; below 2098, the years the authorisation matrix writes to.
 */
let YEAR: number;

beforeAll(async () => {
  db = await testDatabase();
  const [latest] = await db.query<{ year: number }>(
    "SELECT coalesce(max(year), 2058)::int AS year FROM dii_values WHERE criterion_code = 'HT1.14' AND year < 2098",
  );
  YEAR = Math.max(2060, (latest?.year ?? 2058) + 2);
  if (YEAR > 2097)
    throw new Error('dii_values holds HT1.14 values up to 2097 already: start from a fresh database');
  app = plansApp(db);
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
});

type Values = { year: number; items: { id: string; criterionCode: string; value: number; source: string }[] };

describe('the DII criteria catalogue', () => {
  it('starts from data/dii-criteria.json, grouped, with the criteria Hatang computes', async () => {
    const file = await readCatalogueFile();
    const r = await call<DiiCatalogue>(app, 'GET', '/api/v1/dii/criteria', { as: viewer });
    expect(r.status).toBe(200);
    expect(r.body.isCurrent).toBe(true);
    const codes = r.body.groups.flatMap((g) => g.criteria.map((c) => c.code));
    // Every code of the file (a revision may add more).
    for (const group of file.groups) for (const c of group.criteria) expect(codes).toContain(c.code);
    const fiveG = r.body.groups.flatMap((g) => g.criteria).find((c) => c.code === 'HT1.01');
    expect(fiveG).toMatchObject({
      unit: 'percent',
      target: 100,
      targetYear: 2030,
      computedFrom: 'population5gPercent',
    });
  });

  it('stores a revision as a new version and keeps the old one', async () => {
    const before = await call<DiiCatalogue>(app, 'GET', '/api/v1/dii/criteria', { as: planner });
    const file = await readCatalogueFile();
    const revised = {
      ...file,
      notes: 'Revised by the Ministry (test)',
      groups: [
        ...file.groups,
        {
          code: 'HT9',
          name: { vi: 'Nhóm thử', en: 'Test group' },
          criteria: [{ code: 'HT9.01', name: { vi: 'Tiêu chí thử', en: 'Test criterion' }, unit: 'count' }],
        },
      ],
    };
    const put = await call<DiiCatalogue>(app, 'POST', '/api/v1/dii/criteria', { as: planner, json: revised });
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    expect(put.body.version).toBeGreaterThan(before.body.version);
    expect(put.body.groups.at(-1)?.criteria[0]).toMatchObject({
      code: 'HT9.01',
      direction: 'higher',
      target: null,
    });
    const old = await call<DiiCatalogue>(app, 'GET', `/api/v1/dii/criteria?version=${before.body.version}`, {
      as: viewer,
    });
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ id: before.body.id, isCurrent: false });
    const list = await call<{ items: { version: number }[] }>(app, 'GET', '/api/v1/dii/catalogues', {
      as: viewer,
    });
    expect(list.body.items.map((c) => c.version)).toEqual(
      expect.arrayContaining([before.body.version, put.body.version]),
    );
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE resource = 'dii-criteria' AND record_id = $1`,
      [put.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses duplicate codes (every problem at once), and revisions by a viewer', async () => {
    const file = await readCatalogueFile();
    const first = file.groups[0]!;
    const dup = { ...file, groups: [{ ...first, criteria: [...first.criteria, first.criteria[0]!] }, first] };
    const r = await call<{ error: { details: { path: (string | number)[] }[] } }>(
      app,
      'POST',
      '/api/v1/dii/criteria',
      {
        as: planner,
        json: dup,
      },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.details.length).toBeGreaterThanOrEqual(2);
    expect((await call(app, 'POST', '/api/v1/dii/criteria', { as: viewer, json: file })).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/dii/criteria?version=0', { as: viewer })).status).toBe(400);
    expect((await call(app, 'GET', '/api/v1/dii/criteria?version=99999', { as: viewer })).status).toBe(404);
  });
});

describe('DII values and the dashboard', () => {
  it('takes a planner’s values per year, shows the trend, and removes a value given as null', async () => {
    const put = (year: number, value: number | null) =>
      call<Values>(app, 'POST', '/api/v1/dii/values', {
        as: planner,
        json: { year, values: [{ criterionCode: 'HT1.14', value, note: 'Báo cáo VNNIC' }] },
      });
    expect((await put(YEAR - 1, 60)).status).toBe(200);
    const second = await put(YEAR, 72.5);
    expect(second.body.items[0]).toMatchObject({
      criterionCode: 'HT1.14',
      year: YEAR,
      value: 72.5,
      source: 'manual',
    });
    const again = await put(YEAR, 75);
    expect(again.body.items[0]).toMatchObject({ value: 75, version: 2 });

    const d = await call<DiiDashboard>(app, 'GET', '/api/v1/dii/dashboard', { as: viewer });
    expect(d.status).toBe(200);
    const ipv6 = d.body.groups.flatMap((g) => g.criteria).find((c) => c.code === 'HT1.14');
    expect(ipv6?.values.filter((v) => v.year >= YEAR - 1)).toEqual([
      { year: YEAR - 1, value: 60, source: 'manual' },
      { year: YEAR, value: 75, source: 'manual' },
    ]);
    // The latest year is this test's (no other writer uses years this late); target 90 %.
    expect(ipv6).toMatchObject({ latest: { year: YEAR, value: 75 }, change: 15, trend: 'improving' });
    expect(ipv6?.progressPercent).toBeCloseTo(83.3, 1);
    // Entered by planners: nothing to explain. Computed: how, and why it may differ from the reported.
    expect(ipv6?.computation).toBeNull();
    const fiber = d.body.groups
      .flatMap((g) => g.criteria)
      .find((c) => c.computedFrom === 'keySitesFiberPercent');
    expect(fiber?.computation?.method.vi).toContain('200 m');
    expect(fiber?.computation?.differs.en).toContain('declarations');

    const removed = await put(YEAR, null);
    expect(removed.body.items).toEqual([]);
    const left = await call<Values>(app, 'GET', `/api/v1/dii/values?year=${YEAR}`, { as: viewer });
    expect(left.body.items.find((v) => v.criterionCode === 'HT1.14')).toBeUndefined();
    const audit = await db.query<{ action: string }>(
      `SELECT a.action FROM audit_log a WHERE a.resource = 'dii-values' AND a.record_id = $1 ORDER BY a.id`,
      [second.body.items[0]!.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses unknown criteria and repeated codes with their paths, and writes by a viewer', async () => {
    const r = await call<{ error: { details: { path: (string | number)[] }[] } }>(
      app,
      'POST',
      '/api/v1/dii/values',
      {
        as: planner,
        json: {
          year: YEAR,
          values: [
            { criterionCode: 'NO.SUCH', value: 1 },
            { criterionCode: 'HT1.03', value: 1 },
            { criterionCode: 'HT1.03', value: 2 },
          ],
        },
      },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d) => d.path.join('.'))).toEqual([
      'values.0.criterionCode',
      'values.2.criterionCode',
    ]);
    const denied = await call(app, 'POST', '/api/v1/dii/values', {
      as: viewer,
      json: { year: YEAR, values: [{ criterionCode: 'HT1.03', value: 1 }] },
    });
    expect(denied.status).toBe(403);
  });

  it('explains every criterion Hatang computes: how, and why it may differ from the reported value', async () => {
    const d = await call<DiiDashboard>(app, 'GET', '/api/v1/dii/dashboard', { as: viewer });
    const criteria = d.body.groups.flatMap((g) => g.criteria);
    const computed = criteria.filter((c) => c.computedFrom !== null);
    expect(computed.length).toBeGreaterThan(5);
    for (const c of computed) {
      for (const text of [c.computation?.method, c.computation?.differs])
        expect(text?.vi.length && text.en.length, `${c.code} (${c.computedFrom})`).toBeGreaterThan(20);
    }
    // Values planners enter have nothing of Hatang's to explain.
    expect(criteria.filter((c) => c.computedFrom === null).every((c) => c.computation === null)).toBe(true);
  });

  it('stores the values Hatang computes from the register, equal to the city-wide indicators', async () => {
    // Other test files may write to the register of a shared server database meanwhile: the
    // stored figure must be the register's before or after the computation.
    const figures = async () => {
      const report = await call<IndicatorReport>(app, 'GET', '/api/v1/indicators', { as: planner });
      return new Map(report.body.indicators.map((i) => [i.key, i.actual]));
    };
    const before = await figures();
    const r = await call<Values>(app, 'POST', '/api/v1/dii/values/compute', {
      as: planner,
      json: { year: YEAR - 2 },
    });
    expect(r.status).toBe(201);
    const after = await figures();
    const byCode = new Map(r.body.items.map((v) => [v.criterionCode, v]));
    expect(byCode.get('HT1.01')?.source).toBe('computed');
    for (const [code, key] of [
      ['HT1.01', 'population5gPercent'],
      ['HT1.09', 'sharedTowerPercent'],
      ['HT1.11', 'ductKm'],
    ] as const) {
      expect([before.get(key), after.get(key)]).toContain(byCode.get(code)?.value);
    }
    // Entered by planners only: not computed.
    expect(byCode.has('HT1.14')).toBe(false);
  });
});

describe('the IOC feed', () => {
  it('is read with an API key, and refused without one', async () => {
    const key = await call<{ key: string }>(app, 'POST', '/api/v1/api-keys', {
      as: planner,
      json: { name: 'IOC Hải Phòng', scopes: ['read'] },
    });
    expect(key.status).toBe(201);
    const feed = await call<{
      feed: string;
      catalogue: { version: number };
      criteria: { code: string; group: string; values: unknown[]; liveValue: number | null }[];
    }>(app, 'GET', '/api/v1/dii/feed', { headers: { authorization: `Bearer ${key.body.key}` } });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('cache-control')).toBe('no-store');
    expect(feed.body.feed).toBe('hatang-dii');
    const fiveG = feed.body.criteria.find((c) => c.code === 'HT1.01');
    expect(fiveG).toMatchObject({ group: 'HT1' });
    expect(typeof fiveG?.liveValue).toBe('number');
    expect((await call(app, 'GET', '/api/v1/dii/feed')).status).toBe(401);
    expect(
      (await call(app, 'GET', '/api/v1/dii/feed', { headers: { authorization: 'Bearer hk_nope' } })).status,
    ).toBe(401);
  });
});

describe('demo DII values', () => {
  it('loads 2024 and 2025 once, and not again', async () => {
    await ensureDemoDii(db);
    const count = async () =>
      Number(
        (
          await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM dii_values WHERE year IN (2024, 2025)',
          )
        )[0]?.n,
      );
    const first = await count();
    expect(first).toBeGreaterThanOrEqual(40);
    await ensureDemoDii(db);
    expect(await count()).toBe(first);
  });
});
