/**
 * The search box (issue #18 item 2) over the real HTTP app: asset codes, communes without their
 * diacritics, plan items, key sites, permit applications and co-location requests — each only
 * for those its own routes let read it.
 */
import type { SearchResponse, SearchResult } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, insertTestUnit, sampleFeature, squareWkt } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { towerApplication } from './permits-support.js';

type ErrorBody = { error: { code: string; message: string; details?: { path: (string | number)[] }[] } };

/** This run's mark, so texts are unique on a shared database. */
const RUN = crypto.randomUUID().slice(0, 6);
/** A made-up place far from Hai Phong (the fixtures' corner of the map). */
const AT: [number, number] = [31.2, 31.2];
const TOWER_CODE = `SRCH-${RUN}-BTS-01`;
const RIVAL_TOWER = `SRCH-${RUN}-BTS-RIVAL`;
const UNIT_NAME = `Phường Lê Chân Đông ${RUN}`;

let app: App;
let operatorA: Session;
let operatorB: Session;
let planner: Session;
let publicViewer: Session;
let towerId: string;
let unitCode: string;
let permitId: string;

async function search(q: string, as?: Session, limit = 50) {
  const query = new URLSearchParams({ q, limit: String(limit) });
  return call<SearchResponse>(app, 'GET', `/api/v1/search?${query}`, { as });
}
const labels = (results: SearchResult[]) => results.map((r) => r.label);

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const orgA = await createOrganisation(db, 'operator');
  const orgB = await createOrganisation(db, 'operator');
  const city = await createOrganisation(db, 'city_department');
  operatorA = await sessionFor(app, db, orgA, ['operator_editor']);
  operatorB = await sessionFor(app, db, orgB, ['operator_editor']);
  planner = await sessionFor(app, db, city, ['planner']);
  publicViewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);

  unitCode = await insertTestUnit(db, {
    geomWkt: squareWkt(AT, 0.05),
    labelPoint: AT,
    name: UNIT_NAME,
    unitType: 'ward',
  });
  const tower = await call<{ id: string }>(app, 'POST', '/api/v1/towers', {
    as: operatorA,
    json: sampleFeature('towers', orgA, TOWER_CODE, [AT[0] + 0.001, AT[1]]),
  });
  expect(tower.status).toBe(201);
  towerId = tower.body.id;
  const rival = await call(app, 'POST', '/api/v1/towers', {
    as: operatorB,
    json: sampleFeature('towers', orgB, RIVAL_TOWER, [AT[0] + 0.002, AT[1]]),
  });
  expect(rival.status).toBe(201);

  // A plan with an approved and a draft version, one named item in each.
  const plan = crypto.randomUUID();
  const approved = crypto.randomUUID();
  const draft = crypto.randomUUID();
  await db.query('INSERT INTO plans (id, name, horizon_year, vision_year) VALUES ($1, $2, 2030, 2040)', [
    plan,
    `Quy hoạch thử ${RUN}`,
  ]);
  await db.query(
    `INSERT INTO plan_versions (id, plan_id, kind, name, approved_at) VALUES
       ($1, $3, 'approved', 'Bản phê duyệt', now()), ($2, $3, 'draft', 'Bản nháp', NULL)`,
    [approved, draft, plan],
  );
  for (const [version, name] of [
    [approved, `Cột ăng-ten Cầu Rào ${RUN}`],
    [draft, `Cột ăng-ten nháp Cầu Rào ${RUN}`],
  ] as const) {
    await db.query(
      `INSERT INTO plan_items (id, plan_version_id, origin_id, kind, name, status, geom)
       VALUES ($1, $2, $1, 'tower_site', $3, 'planned', ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [crypto.randomUUID(), version, name, AT[0] + 0.003, AT[1]],
    );
  }
  await db.query(
    `INSERT INTO key_sites (id, category, name, geom) VALUES ($1, 'hospital', $2, ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
    [crypto.randomUUID(), `Bệnh viện Việt Tiệp ${RUN}`, AT[0] + 0.004, AT[1]],
  );

  // Operator B's draft permit application, and a co-location request from B to A.
  const permit = await call<{ id: string }>(app, 'POST', '/api/v1/permit-applications', {
    as: operatorB,
    json: towerApplication([AT[0] + 0.005, AT[1]], {}, { title: `Trạm Kênh Dương ${RUN}` }),
  });
  expect(permit.status).toBe(201);
  permitId = permit.body.id;
  await db.query(
    `INSERT INTO colocation_requests (id, status, requester_org_id, owner_org_id, asset_kind, asset_ids, asset_codes,
       target, geom, justification, desired_start_date, source, capacity_check, submitted_at, due_on)
     VALUES ($1, 'submitted', $2, $3, 'tower', ARRAY[$4]::uuid[], ARRAY[$5], '{}', ST_SetSRID(ST_MakePoint($6, $7), 4326),
       'Thử', '2027-01-01', 'map', '{}', now(), '2027-01-15')`,
    [crypto.randomUUID(), orgB, orgA, towerId, TOWER_CODE, AT[0] + 0.001, AT[1]],
  );
});

describe('the search box', () => {
  it('finds a tower by its code, with where it is and how to open it', async () => {
    const found = await search(TOWER_CODE.toLowerCase(), operatorA);
    expect(found.status).toBe(200);
    const tower = found.body.results.find((r) => r.kind === 'asset');
    expect(tower).toMatchObject({
      label: TOWER_CODE,
      sublabel: UNIT_NAME,
      bbox: null,
      open: { kind: 'asset', resource: 'towers', id: towerId },
    });
    expect(tower?.point[0]).toBeCloseTo(AT[0] + 0.001, 6);
    expect(tower?.point[1]).toBeCloseTo(AT[1], 6);
    // The exact code comes first.
    expect(found.body.results[0]?.label).toBe(TOWER_CODE);
  });

  it('finds a commune typed without diacritics, and by part of its name', async () => {
    for (const q of [`le chan dong ${RUN}`, `LÊ CHÂN ĐÔNG ${RUN}`, `chan ${RUN}`]) {
      const found = await search(q);
      expect(found.status).toBe(200);
      const unit = found.body.results.find((r) => r.kind === 'admin_unit');
      expect(unit, q).toMatchObject({
        label: UNIT_NAME,
        point: AT,
        open: { kind: 'admin_unit', code: unitCode, unitType: 'ward' },
      });
      expect(unit?.bbox?.[0]).toBeCloseTo(AT[0] - 0.05, 6);
    }
  });

  it('finds plan items of approved versions for everyone signed in, drafts for planners only', async () => {
    const q = `cau rao ${RUN}`;
    const byOperator = (await search(q, operatorA)).body.results.filter((r) => r.kind === 'plan_item');
    expect(labels(byOperator)).toEqual([`Cột ăng-ten Cầu Rào ${RUN}`]);
    expect(byOperator[0]?.open).toMatchObject({
      kind: 'plan_item',
      versionKind: 'approved',
      itemKind: 'tower_site',
    });
    const byPlanner = (await search(q, planner)).body.results.filter((r) => r.kind === 'plan_item');
    expect(labels(byPlanner).sort()).toEqual([
      `Cột ăng-ten Cầu Rào ${RUN}`,
      `Cột ăng-ten nháp Cầu Rào ${RUN}`,
    ]);
    expect((await search(q)).body.results.filter((r) => r.kind === 'plan_item')).toEqual([]);
  });

  it('finds key sites for those signed in', async () => {
    const q = `benh vien viet tiep ${RUN}`;
    expect((await search(q, publicViewer)).body.results.map((r) => r.kind)).toContain('key_site');
    expect((await search(q)).body.results.map((r) => r.kind)).not.toContain('key_site');
  });

  it('never shows an operator a rival’s draft permit application', async () => {
    const q = `kenh duong ${RUN}`;
    const own = (await search(q, operatorB)).body.results.filter((r) => r.kind === 'permit');
    expect(own.map((r) => r.id)).toEqual([permitId]);
    expect(own[0]?.open).toMatchObject({ kind: 'permit', status: 'draft', permitKind: 'tower' });
    for (const who of [operatorA, publicViewer, undefined]) {
      const found = await search(q, who);
      expect(found.status).toBe(200);
      expect(found.body.results.filter((r) => r.kind === 'permit')).toEqual([]);
    }
    // Nor by the first characters of its id.
    const byId = await search(permitId.slice(0, 8), operatorA);
    expect(byId.body.results.filter((r) => r.kind === 'permit')).toEqual([]);
    expect((await search(permitId.slice(0, 8), planner)).body.results.map((r) => r.id)).toContain(permitId);
  });

  it('finds a co-location request for its two parties only', async () => {
    for (const who of [operatorA, operatorB, planner]) {
      const found = await search(TOWER_CODE, who);
      expect(found.body.results.map((r) => r.kind)).toContain('colocation_request');
    }
    const rival = await sessionFor(
      app,
      await testDatabase(),
      await createOrganisation(await testDatabase()),
      ['operator_editor'],
    );
    const found = await search(TOWER_CODE, rival);
    expect(found.body.results.map((r) => r.kind)).not.toContain('colocation_request');
  });

  it('gives the public only the public tier: no asset codes, no records of any organisation', async () => {
    const anonymous = await search(`SRCH-${RUN}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.results).toEqual([]);
    // A signed-in member of the public finds no other organisation's asset codes either.
    expect((await search(`SRCH-${RUN}`, publicViewer)).body.results).toEqual([]);
    // An operator finds its rival's tower code (operators see codes at the sharing tier).
    expect(labels((await search(RIVAL_TOWER, operatorA)).body.results)).toContain(RIVAL_TOWER);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    const found = await search('%', planner);
    expect(found.status).toBe(200);
    expect(found.body.results).toEqual([]);
  });

  it('rejects an empty, a too long query and a too large limit, all at once, in the error shape', async () => {
    const bad = await call<ErrorBody>(app, 'GET', `/api/v1/search?q=${'x'.repeat(201)}&limit=51`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details?.map((d) => d.path[0]).sort()).toEqual(['limit', 'q']);
    const empty = await call<ErrorBody>(app, 'GET', '/api/v1/search?q=%20%20');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
  });
});
