import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { filed, towerApplication } from './permits-support.js';

type Check = {
  check: string;
  result: string;
  reason: { vi: string; en: string };
  geometry?: { type: string };
};
type Application = {
  id: string;
  status: string;
  version: number;
  checks: Check[] | null;
  checkedAt: string | null;
};

let app: App;
let operator: Session;
let otherOperator: Session;
let reviewer: Session;
let admin: Session;

// A block of its own far from the demo data: (0.95, 0.95).
const base = farAway(450);
const round = (v: number) => Number(v.toFixed(6));
const at = (n: number): [number, number] => [round(base[0] + n * 0.001), round(base[1])];

/** A global zone (no plan version: set by another authority) around `centre`, ±0.0003°. */
async function zone(
  kind: string,
  centre: [number, number],
  rules: Record<string, unknown> = {},
): Promise<string> {
  const db = await testDatabase();
  const id = crypto.randomUUID();
  const [x, y] = centre;
  await db.query(
    `INSERT INTO plan_zones (id, plan_version_id, kind, name, rules, geom)
     VALUES ($1, NULL, $2, $3, $4::text::jsonb, ST_MakeEnvelope($5 - 0.0003, $6 - 0.0003, $5 + 0.0003, $6 + 0.0003, 4326))`,
    [id, kind, `Vùng thử ${kind}`, JSON.stringify(rules), x, y],
  );
  return id;
}

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  operator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  otherOperator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  admin = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['admin']);
});

const byName = (a: Application) => Object.fromEntries((a.checks ?? []).map((c) => [c.check, c]));

describe('automatic permit checks', () => {
  it('runs the checks when an application is submitted and stores them with it', async () => {
    await zone('restricted', at(1));
    const submitted = await filed(app, operator.headers, towerApplication(at(1), { heightM: 46 }));
    const read = await call<Application>(app, 'GET', `/api/v1/permit-applications/${submitted.id}`, {
      as: reviewer,
    });
    expect(read.body.status).toBe('submitted');
    expect(read.body.version).toBe(2);
    expect(read.body.checkedAt).not.toBeNull();
    const checks = byName(read.body);
    expect(checks['restricted-zones']).toMatchObject({ result: 'fail', geometry: { type: 'Polygon' } });
    expect(checks['restricted-zones']?.reason.vi).toContain('cấm xây trạm');
    expect(checks['airport-height']?.result).toBe('not_applicable');
    expect(checks['aviation-marking']?.result).toBe('warn');
    expect(checks['permit-exemption']?.result).toBe('not_applicable');
    expect(checks['emf-safety']?.result).toBe('pass');
    expect(checks.duplicate?.result).toBe('pass');
    // Far from any approved plan item: not in the plan, or nothing to conform to when no version is approved.
    const db = await testDatabase();
    const approved = await db.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM plan_versions WHERE kind = 'approved') AS found`,
    );
    expect(checks['plan-conformity']?.result).toBe(approved[0]?.found ? 'fail' : 'not_applicable');
  });

  it('warns of a second application at the same place (within 20 m), not of one 30 m away', async () => {
    const [x, y] = at(10);
    await filed(app, operator.headers, towerApplication([x, y]));
    const near = await filed(app, otherOperator.headers, towerApplication([round(x + 0.00015), y]));
    const far = await filed(app, otherOperator.headers, towerApplication([x, round(y + 0.00027)]));
    const checksOf = async (id: string) =>
      byName(
        (await call<Application>(app, 'GET', `/api/v1/permit-applications/${id}`, { as: reviewer })).body,
      );
    const nearChecks = await checksOf(near.id);
    expect(nearChecks.duplicate).toMatchObject({ result: 'warn', geometry: { type: 'Point' } });
    expect((await checksOf(far.id)).duplicate?.result).toBe('pass');
  });

  it('runs them again on demand, seeing a zone drawn since, for the reviewer and the applicant only', async () => {
    const submitted = await filed(app, operator.headers, towerApplication(at(3)));
    const first = await call<Application>(app, 'GET', `/api/v1/permit-applications/${submitted.id}`, {
      as: reviewer,
    });
    expect(byName(first.body)['restricted-zones']?.result).toBe('pass');
    await zone('camouflage_required', at(3));
    const again = await call<Application>(app, 'POST', `/api/v1/permit-applications/${submitted.id}/checks`, {
      as: reviewer,
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version + 1);
    expect(byName(again.body)['restricted-zones']?.result).toBe('warn');
    expect(
      (await call(app, 'POST', `/api/v1/permit-applications/${submitted.id}/checks`, { as: operator }))
        .status,
    ).toBe(200);
    expect(
      (await call(app, 'POST', `/api/v1/permit-applications/${submitted.id}/checks`, { as: otherOperator }))
        .status,
    ).toBe(404);
    const db = await testDatabase();
    const audit = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'permit-applications' AND record_id = $1`,
      [submitted.id],
    );
    expect(audit[0]?.n).toBe(4);
  });

  it('finds an exempt rooftop column, which the reviewer closes as exempt', async () => {
    const submitted = await filed(
      app,
      operator.headers,
      towerApplication(at(5), {
        towerClass: 'A1',
        structure: 'rooftop_column',
        mounting: 'rooftop',
        heightM: 2.9,
        buildingHeightM: 20,
        eirpW: 50,
        nearestBuildingM: 10,
      }),
    );
    const read = await call<Application>(app, 'GET', `/api/v1/permit-applications/${submitted.id}`, {
      as: reviewer,
    });
    expect(byName(read.body)['permit-exemption']).toMatchObject({ result: 'exempt' });
    expect(byName(read.body)['permit-exemption']?.reason.en).toContain('exempt from a construction permit');
    const closed = await call<Application>(
      app,
      'POST',
      `/api/v1/permit-applications/${submitted.id}/decision`,
      {
        as: reviewer,
        json: { outcome: 'exempt', reason: 'Miễn giấy phép xây dựng' },
        headers: { 'if-match': String(read.body.version) },
      },
    );
    expect(closed.body.status).toBe('exempt');
  });

  it('fails a pole line through an underground-only zone, and leaves the tower checks aside', async () => {
    await zone('underground_only', at(7));
    const submitted = await filed(app, operator.headers, {
      kind: 'pole_line',
      title: 'Tuyến cột qua phố ngầm hóa',
      geometry: { type: 'LineString', coordinates: [at(6), at(8)] },
      details: {},
    });
    const read = await call<Application>(app, 'GET', `/api/v1/permit-applications/${submitted.id}`, {
      as: reviewer,
    });
    const checks = byName(read.body);
    expect(checks['restricted-zones']?.result).toBe('fail');
    expect(checks['airport-height']?.result).toBe('not_applicable');
  });

  it('fails a tower with an existing tower to share within the sharing distance, unless justified', async () => {
    const db = await testDatabase();
    const owner = await createOrganisation(db, 'tower_company');
    const hostAt = at(20);
    const created = await call(app, 'POST', '/api/v1/towers', {
      as: admin,
      json: sampleFeature('towers', owner, `PERMIT-HOST-${crypto.randomUUID().slice(0, 6)}`, hostAt),
    });
    expect(created.status).toBe(201);
    const near: [number, number] = [round(hostAt[0] + 0.0003), hostAt[1]];
    const checksOf = async (id: string) =>
      byName(
        (await call<Application>(app, 'GET', `/api/v1/permit-applications/${id}`, { as: reviewer })).body,
      );
    const unjustified = await checksOf((await filed(app, operator.headers, towerApplication(near))).id);
    expect(unjustified['sharing-obligation']).toMatchObject({
      result: 'fail',
      geometry: { type: 'LineString' },
    });
    const justified = await checksOf(
      (
        await filed(
          app,
          otherOperator.headers,
          towerApplication(near, {}, { justification: 'Trạm hiện có đã quá tải' }),
        )
      ).id,
    );
    expect(justified['sharing-obligation']?.result).toBe('warn');
    // Taller than the host (42 m): nothing to share.
    const tall = await checksOf(
      (
        await filed(
          app,
          operator.headers,
          towerApplication([near[0], round(near[1] + 0.0005)], { heightM: 44 }),
        )
      ).id,
    );
    expect(tall['sharing-obligation']?.result).toBe('pass');
  });

  it('asks duct works alongside a scheduled road works to coordinate with it (dig-once)', async () => {
    const db = await testDatabase();
    const roads = await createOrganisation(db, 'other_sector');
    const [x, y] = at(30);
    const route: [number, number][] = [
      [x, y],
      [round(x + 0.003), y],
    ];
    await db.query(
      `INSERT INTO civil_works (id, code, owner_org_id, status, name, sector, starts_on, ends_on, geom)
       VALUES ($1, 'ROAD-1', $2, 'planned', 'Nâng cấp đường thử', 'road', '2027-03-10', '2027-06-30',
               ST_SetSRID(ST_MakeLine(ST_MakePoint($3, $5), ST_MakePoint($4, $5)), 4326))`,
      [crypto.randomUUID(), roads, x, round(x + 0.003), round(y + 0.00005)],
    );
    const works = (startsOn: string, endsOn: string) => ({
      kind: 'duct_works',
      title: 'Hào cáp dọc đường',
      geometry: { type: 'LineString', coordinates: route },
      details: { startsOn, endsOn },
    });
    const checksOf = async (id: string) =>
      byName(
        (await call<Application>(app, 'GET', `/api/v1/permit-applications/${id}`, { as: reviewer })).body,
      );
    const overlapping = await checksOf(
      (await filed(app, operator.headers, works('2027-03-01', '2027-04-30'))).id,
    );
    expect(overlapping['dig-once']?.result).toBe('warn');
    expect(overlapping['dig-once']?.reason.vi).toContain('Phối hợp thi công với: Nâng cấp đường thử');
    const later = await checksOf(
      (await filed(app, otherOperator.headers, works('2027-07-01', '2027-08-30'))).id,
    );
    expect(later['dig-once']?.result).toBe('pass');
  });
});
