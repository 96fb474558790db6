/**
 * In-building permit applications (issue #17 item 2, plan 317 V.1): filed, submitted, sent back,
 * resubmitted and decided through the HTTP app; their validation; the shared-system check; the
 * duplicate check at the same building without leaking a rival's application; the decision PDF.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { filed, send, towerApplication } from './permits-support.js';

type Check = { check: string; result: string; reason: { vi: string; en: string }; geometry?: unknown };
type Application = {
  id: string;
  kind: string;
  status: string;
  version: number;
  details: Record<string, unknown>;
  checks: Check[] | null;
  decisionNumber: string | null;
  asset: unknown;
  conditions: string[];
};
type Problem = { error: { code: string; details: { path: (string | number)[]; message: string }[] } };

let app: App;
let operator: Session;
let rival: Session;
let reviewer: Session;
let operatorOrg: string;
let rivalOrg: string;
let towerCompany: string;
let operatorName: string;
let rivalName: string;

// A block of its own far from the demo data and from other tests' places.
const base = farAway(1200);
const round = (v: number) => Number(v.toFixed(6));
const at = (n: number): [number, number] => [round(base[0] + n * 0.002), round(base[1])];

/** An in-building application's body at `where`; `details` overrides its facts. */
function inBuilding(where: [number, number], details: Record<string, unknown> = {}, extra = {}) {
  return {
    kind: 'in_building',
    title: 'Phủ sóng trong nhà chung cư Hoàng Huy',
    geometry: { type: 'Point', coordinates: where },
    details: {
      buildingName: 'Chung cư Hoàng Huy Grand Tower',
      buildingType: 'apartment',
      floors: 36,
      works: ['shared_indoor_mobile_system', 'fibre_riser'],
      isShared: true,
      operatorOrgIds: [operatorOrg, rivalOrg],
      ...details,
    },
    ...extra,
  };
}

const nameOf = async (id: string) =>
  (
    await (await testDatabase()).query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [id])
  )[0]?.name ?? '';

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  operatorOrg = await createOrganisation(db, 'operator');
  rivalOrg = await createOrganisation(db, 'operator');
  towerCompany = await createOrganisation(db, 'tower_company');
  operatorName = await nameOf(operatorOrg);
  rivalName = await nameOf(rivalOrg);
  operator = await sessionFor(app, db, operatorOrg, ['operator_editor']);
  rival = await sessionFor(app, db, rivalOrg, ['operator_editor']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
});

const post = <T = Application>(as: Session, path: string, json?: unknown, version?: number) =>
  call<T>(app, 'POST', path, {
    as,
    json,
    headers: version === undefined ? {} : { 'if-match': String(version) },
  });
const byName = (a: Application) => Object.fromEntries((a.checks ?? []).map((c) => [c.check, c]));
const paths = (p: Problem) => p.error.details.map((d) => d.path.join('.')).sort();

describe('in-building permit applications', () => {
  it('are filed, sent back, resubmitted and approved through the HTTP app, creating no asset', async () => {
    const created = await post(operator, '/api/v1/permit-applications', inBuilding(at(0)));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'in_building',
      status: 'draft',
      details: { floors: 36, isShared: true, works: ['shared_indoor_mobile_system', 'fibre_riser'] },
    });
    const id = created.body.id;

    const submitted = await post(
      operator,
      `/api/v1/permit-applications/${id}/submit`,
      undefined,
      created.body.version,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    const checks = byName(submitted.body);
    expect(checks['in-building-sharing']?.result).toBe('pass');
    expect(checks['plan-conformity']?.result).toBe('not_applicable');
    expect(checks['restricted-zones']?.result).toBe('not_applicable');
    expect(checks['sharing-obligation']?.result).toBe('not_applicable');
    expect(checks.duplicate?.result).toBe('pass');

    // The reviewer sees it in the queue filtered by the new kind.
    const queue = await call<{ items: Application[] }>(
      app,
      'GET',
      '/api/v1/permit-applications?kind=in_building&status=submitted&limit=500',
      { as: reviewer },
    );
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((a) => a.id)).toContain(id);
    expect(queue.body.items.every((a) => a.kind === 'in_building')).toBe(true);

    const asked = await post(
      reviewer,
      `/api/v1/permit-applications/${id}/request-info`,
      { reason: 'Bổ sung sơ đồ trục cáp đứng' },
      submitted.body.version,
    );
    expect(asked.body.status).toBe('info_requested');
    const edited = await call<Application>(app, 'PATCH', `/api/v1/permit-applications/${id}`, {
      as: operator,
      json: { details: { ...inBuilding(at(0)).details, floors: 38 } },
      headers: { 'if-match': String(asked.body.version) },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.details.floors).toBe(38);
    const again = await post(
      operator,
      `/api/v1/permit-applications/${id}/submit`,
      undefined,
      edited.body.version,
    );
    expect(again.body.status).toBe('submitted');

    const decided = await post(
      reviewer,
      `/api/v1/permit-applications/${id}/decision`,
      {
        outcome: 'approved_with_conditions',
        conditions: ['Bố trí phòng thiết bị dùng chung ở tầng kỹ thuật'],
      },
      again.body.version,
    );
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved_with_conditions');
    expect(decided.body.decisionNumber).toMatch(/^\d{4}\/GPXD-SXD$/);
    expect(decided.body.asset).toBeNull();

    const pdf = await app.request(`/api/v1/permit-applications/${id}/decision.pdf`, {
      headers: operator.headers,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('GIẤY PHÉP XÂY DỰNG');
    expect(text).toContain('lắp đặt hạ tầng viễn thông trong tòa nhà');
    expect(text).toContain('Tòa nhà: Chung cư Hoàng Huy Grand Tower (nhà chung cư), 38 tầng');
    expect(text).toContain('hệ thống thu phát sóng di động trong tòa nhà; trục cáp quang đứng');
    // A long line may wrap anywhere in the PDF (a name like "T-E108D2AD" breaks after its hyphen):
    // compare without spaces.
    const unspaced = (s: string) => s.replace(/\s+/g, '');
    expect(unspaced(text)).toContain(
      unspaced(`Hệ thống dùng chung cho 2 doanh nghiệp viễn thông: ${operatorName}, ${rivalName}`),
    );
    expect(text).toContain('Dùng chung hệ thống trong tòa nhà: Đạt');
    expect(text).not.toContain('đang xây dựng');
  });

  it('warns about a system not shared in an apartment building, citing plan 317 section V.1', async () => {
    const a = await send(app, operator.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: inBuilding(at(1), { isShared: false, operatorOrgIds: [operatorOrg], works: ['cabling'] }),
    });
    const checked = await post(operator, `/api/v1/permit-applications/${a.id}/submit`, undefined, a.version);
    const check = byName(checked.body)['in-building-sharing'];
    expect(check?.result).toBe('warn');
    expect(check?.reason.vi).toContain('Kế hoạch 317, mục V.1');
    expect(check?.reason.en).toContain('asks the city to regulate telecom cabling and indoor mobile systems');
    expect(check?.reason.en).toContain('shared systems serving several operators are preferred');

    // An office building is not among the configured types: not applicable.
    const office = await send(app, operator.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: inBuilding(at(2), { buildingType: 'office', isShared: false, operatorOrgIds: [] }),
    });
    const officeChecked = await post(
      operator,
      `/api/v1/permit-applications/${office.id}/submit`,
      undefined,
      office.version,
    );
    expect(byName(officeChecked.body)['in-building-sharing']?.result).toBe('not_applicable');

    // The check's parameters are part of the versioned configuration.
    const config = await call<{ params: { inBuilding: unknown } }>(
      app,
      'GET',
      '/api/v1/permit-check-config',
      {
        as: reviewer,
      },
    );
    expect(config.body.params.inBuilding).toEqual({
      sharedPreferredFor: ['apartment', 'hospital', 'school', 'public_building'],
      notSharedResult: 'warn',
    });
  });

  it('refuses missing floors, unknown works and too many operators with every path at once', async () => {
    const tooMany = Array.from({ length: 21 }, () => crypto.randomUUID());
    const body = inBuilding(at(3), {
      works: ['shared_indoor_mobile_system', 'satellite_dish'],
      operatorOrgIds: tooMany,
    });
    delete (body.details as Record<string, unknown>).floors;
    const refused = await call<Problem>(app, 'POST', '/api/v1/permit-applications', {
      as: operator,
      json: body,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(refused.body)).toEqual(['details.floors', 'details.operatorOrgIds', 'details.works.1']);

    const bad = await call<Problem>(app, 'POST', '/api/v1/permit-applications', {
      as: operator,
      json: inBuilding(at(3), { floors: 0, works: [], buildingType: 'castle' }),
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['details.buildingType', 'details.floors', 'details.works']);

    // A shared system serves several operators.
    const lonely = await call<Problem>(app, 'POST', '/api/v1/permit-applications', {
      as: operator,
      json: inBuilding(at(3), { isShared: true, operatorOrgIds: [operatorOrg] }),
    });
    expect(lonely.status).toBe(400);
    expect(paths(lonely.body)).toEqual(['details.operatorOrgIds']);

    // A line is not a building.
    const line = await call<Problem>(app, 'POST', '/api/v1/permit-applications', {
      as: operator,
      json: { ...inBuilding(at(3)), geometry: { type: 'LineString', coordinates: [at(3), at(4)] } },
    });
    expect(line.status).toBe(400);
    expect(paths(line.body).some((p) => p.startsWith('geometry'))).toBe(true);
  });

  it('accepts only operator organisations as the operators served, on create and on edit', async () => {
    const stranger = crypto.randomUUID();
    const refused = await call<Problem>(app, 'POST', '/api/v1/permit-applications', {
      as: operator,
      json: inBuilding(at(5), { operatorOrgIds: [operatorOrg, towerCompany, stranger] }),
    });
    expect(refused.status).toBe(400);
    expect(paths(refused.body)).toEqual(['details.operatorOrgIds.1', 'details.operatorOrgIds.2']);

    const draft = await send(app, operator.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: inBuilding(at(5)),
    });
    const patched = await call<Problem>(app, 'PATCH', `/api/v1/permit-applications/${draft.id}`, {
      as: operator,
      json: { details: { ...inBuilding(at(5)).details, operatorOrgIds: [operatorOrg, stranger] } },
      headers: { 'if-match': String(draft.version) },
    });
    expect(patched.status).toBe(400);
    expect(paths(patched.body)).toEqual(['details.operatorOrgIds.1']);
    const missing = await call<Problem>(app, 'PATCH', `/api/v1/permit-applications/${draft.id}`, {
      as: operator,
      json: { details: { buildingName: 'Tòa A', buildingType: 'school', works: ['cabling'] } },
      headers: { 'if-match': String(draft.version) },
    });
    expect(missing.status).toBe(400);
    expect(paths(missing.body)).toEqual(['details.floors']);
  });

  it('flags a second application at the same building, telling the rival only that one exists', async () => {
    const building = at(7);
    const first = await send(app, operator.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: inBuilding(building, {}, { title: 'IBS tòa nhà Sông Hồng của đơn vị A' }),
    });
    await post(operator, `/api/v1/permit-applications/${first.id}/submit`, undefined, first.version);
    // The rival's own tower at the same place is another kind of works: not a duplicate.
    const near: [number, number] = [round(building[0] + 0.00005), building[1]];
    await filed(app, rival.headers, towerApplication(near, {}, { title: 'Trạm BTS trên mái của đơn vị B' }));
    const second = await send(app, rival.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: inBuilding(near, {}, { title: 'IBS của đơn vị B' }),
    });
    const submitted = await post(
      rival,
      `/api/v1/permit-applications/${second.id}/submit`,
      undefined,
      second.version,
    );
    const duplicate = byName(submitted.body).duplicate;
    expect(duplicate?.result).toBe('warn');
    expect(duplicate?.reason.en).toContain("another organisation's application within 20 m");
    expect(JSON.stringify(submitted.body.checks)).not.toContain('đơn vị A');
    expect(JSON.stringify(submitted.body.checks)).not.toContain('Trạm BTS trên mái');
    expect(duplicate?.geometry).toBeUndefined();

    const staff = await call<Application>(app, 'GET', `/api/v1/permit-applications/${second.id}`, {
      as: reviewer,
    });
    expect(byName(staff.body).duplicate?.reason.vi).toContain('IBS tòa nhà Sông Hồng của đơn vị A');
  });
});
