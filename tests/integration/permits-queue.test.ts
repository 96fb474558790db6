/**
 * The reviewers' queue: days elapsed since submission against the statutory period (20 calendar
 * days by default, a period ending on a weekend running to Monday), overdue, filters and order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { filed, towerApplication } from './permits-support.js';

type Item = {
  id: string;
  status: string;
  kind: string;
  submittedAt: string | null;
  daysElapsed: number | null;
  dueAt: string | null;
  overdue: boolean;
  statutoryPeriodDays: number;
};

let app: App;
let operator: Session;
let reviewer: Session;
let unitCode: string;
const ids: Record<'old' | 'fresh' | 'decided' | 'draft', string> = {
  old: '',
  fresh: '',
  decided: '',
  draft: '',
};

const centre = farAway(470);
const at = (n: number): [number, number] => [
  Number((centre[0] + n * 0.0007).toFixed(6)),
  Number((centre[1] - 0.0004).toFixed(6)),
];
const DAY = 86_400_000;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  unitCode = await createUnitWithCells(db, centre, 'Phường Hàng Đợi');
  const org = await createOrganisation(db, 'operator');
  const construction = await createOrganisation(db, 'construction_department');
  operator = await sessionFor(app, db, org, ['operator_editor']);
  reviewer = await sessionFor(app, db, construction, ['reviewer']);
  const backdate = (id: string, days: number) =>
    db.query(
      `UPDATE permit_applications SET submitted_at = now() - make_interval(days => $2) WHERE id = $1`,
      [id, days],
    );
  const old = await filed(app, operator.headers, towerApplication(at(1), {}, { title: 'Hàng đợi cũ' }));
  await backdate(old.id, 30);
  const fresh = await filed(app, operator.headers, towerApplication(at(2), {}, { title: 'Hàng đợi mới' }));
  const duct = await filed(app, operator.headers, {
    kind: 'duct_works',
    title: 'Hàng đợi cống bể',
    geometry: { type: 'LineString', coordinates: [at(3), at(4)] },
    details: { startsOn: '2027-02-01', endsOn: '2027-02-20' },
  });
  await backdate(duct.id, 25);
  const decided = await call<{ status: string }>(
    app,
    'POST',
    `/api/v1/permit-applications/${duct.id}/decision`,
    {
      as: reviewer,
      json: { outcome: 'approved' },
      headers: { 'if-match': String(duct.version) },
    },
  );
  if (decided.status !== 200) throw new Error(`fixture decision: ${decided.status}`);
  const draft = await call<{ id: string }>(app, 'POST', '/api/v1/permit-applications', {
    as: operator,
    json: towerApplication(at(5), {}, { title: 'Hàng đợi nháp' }),
  });
  Object.assign(ids, { old: old.id, fresh: fresh.id, decided: duct.id, draft: draft.body.id });
});

const queue = (query: string) =>
  call<{ items: Item[]; statutoryPeriodDays: number }>(
    app,
    'GET',
    `/api/v1/permit-applications?adminUnitCode=${unitCode}&${query}`,
    { as: reviewer },
  );

/** The statutory deadline as the law counts it: +N calendar days, a weekend end (Vietnam time) moves to Monday. */
function expectedDue(submittedAt: string, days: number): number {
  const raw = new Date(submittedAt).getTime() + days * DAY;
  const weekday = new Date(raw + 7 * 3600_000).getUTCDay();
  return raw + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0) * DAY;
}

describe('the reviewers’ queue', () => {
  it('counts calendar days since submission against the 20-day statutory period, oldest first', async () => {
    const response = await queue('sort=oldest');
    expect(response.status).toBe(200);
    expect(response.body.statutoryPeriodDays).toBe(20);
    const items = response.body.items;
    expect(items.map((i) => i.id)).toEqual([ids.old, ids.decided, ids.fresh, ids.draft]);
    const [old, decided, fresh, draft] = items as [Item, Item, Item, Item];
    expect(old).toMatchObject({
      status: 'submitted',
      daysElapsed: 30,
      overdue: true,
      statutoryPeriodDays: 20,
    });
    expect(new Date(old.dueAt ?? '').getTime()).toBe(expectedDue(old.submittedAt ?? '', 20));
    // Decided within the clock's reach: the count stops at the decision, and it is never overdue.
    expect(decided).toMatchObject({ status: 'approved', daysElapsed: 25, overdue: false });
    expect(fresh).toMatchObject({ status: 'submitted', daysElapsed: 0, overdue: false });
    expect(new Date(fresh.dueAt ?? '').getTime()).toBe(expectedDue(fresh.submittedAt ?? '', 20));
    expect(draft).toMatchObject({ status: 'draft', daysElapsed: null, dueAt: null, overdue: false });

    const single = await call<Item>(app, 'GET', `/api/v1/permit-applications/${ids.old}`, { as: reviewer });
    expect(single.body).toMatchObject({ daysElapsed: 30, overdue: true, dueAt: old.dueAt });
  });

  it('filters overdue, kind and status; newest first by default', async () => {
    expect((await queue('overdue=true')).body.items.map((i) => i.id)).toEqual([ids.old]);
    expect((await queue('overdue=false&sort=oldest')).body.items.map((i) => i.id)).toEqual([
      ids.decided,
      ids.fresh,
      ids.draft,
    ]);
    expect((await queue('kind=duct_works')).body.items.map((i) => i.id)).toEqual([ids.decided]);
    expect((await queue('status=submitted&sort=oldest')).body.items.map((i) => i.id)).toEqual([
      ids.old,
      ids.fresh,
    ]);
    expect((await queue('')).body.items.map((i) => i.id)).toEqual([
      ids.draft,
      ids.decided,
      ids.fresh,
      ids.old,
    ]);
  });

  it('refuses a bad filter with the error shape', async () => {
    const bad = await call<{ error: { code: string } }>(
      app,
      'GET',
      '/api/v1/permit-applications?overdue=maybe',
      {
        as: reviewer,
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const badUnit = await call(app, 'GET', '/api/v1/permit-applications?adminUnitCode=12', { as: reviewer });
    expect(badUnit.status).toBe(400);
  });
});
