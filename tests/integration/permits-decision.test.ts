/**
 * Decisions on permit applications: the number, the decision document (PDF, its text extracted
 * with pdfjs), and the asset an approval creates in the register.
 */
import { toVn2000, vn2000Label } from '@hatang/geo';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { filed, towerApplication } from './permits-support.js';

type Application = {
  id: string;
  status: string;
  version: number;
  decisionNumber: string | null;
  decidedAt: string | null;
  asset: { resource: string; id: string; ids: string[] } | null;
};
type Feature = { properties: { status: string; ownerOrgId: string; code: string; heightM?: number } };

let app: App;
let operator: Session;
let reviewer: Session;
let inspector: Session;
let orgId: string;
let orgName: string;

// A commune of its own in the Gulf of Tonkin, outside Hai Phong's map box (so no city-wide test
// sees it) but where VN-2000 TM-3 gives real survey coordinates.
const centre: [number, number] = [107.95, 19.8];
const at = (dx: number, dy = 0): [number, number] => [
  Number((centre[0] + dx).toFixed(6)),
  Number((centre[1] + dy).toFixed(6)),
];
const COMMUNE = 'Xã Quyết Định';

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const unit = await createUnitWithCells(db, centre, COMMUNE);
  orgId = await createOrganisation(db, 'operator');
  orgName =
    (await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [orgId]))[0]?.name ??
    '';
  const construction = await createOrganisation(db, 'construction_department');
  const commune = await createOrganisation(db, 'commune');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, unit]);
  operator = await sessionFor(app, db, orgId, ['operator_editor']);
  reviewer = await sessionFor(app, db, construction, ['reviewer']);
  inspector = await sessionFor(app, db, commune, ['inspector']);
});

const decide = (a: { id: string; version: number }, json: unknown) =>
  call<Application>(app, 'POST', `/api/v1/permit-applications/${a.id}/decision`, {
    as: reviewer,
    json,
    headers: { 'if-match': String(a.version) },
  });

async function download(id: string, as: Session) {
  const response = await app.request(`/api/v1/permit-applications/${id}/decision.pdf`, {
    headers: as.headers,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** Survey coordinates as Vietnamese documents give them: X = northing, Y = easting. */
const survey = (p: [number, number]) => {
  const { X, Y } = vn2000Label(toVn2000(p));
  return `X = ${X.toFixed(2)} m; Y = ${Y.toFixed(2)} m`;
};

describe('permit decisions', () => {
  it('approval with conditions: a numbered permit PDF in Vietnamese form, and a tower under construction', async () => {
    const site = at(0.001);
    const a = await filed(
      app,
      operator.headers,
      towerApplication(site, { heightM: 36 }, { title: 'Trạm BTS Quyết Định 1' }),
    );
    const before = await download(a.id, reviewer);
    expect(before.status).toBe(404);

    const conditions = [
      'Sơn màu ngụy trang theo cảnh quan',
      'Dùng chung hạ tầng với doanh nghiệp khác khi được đề nghị',
    ];
    const decided = await decide(a, { outcome: 'approved_with_conditions', conditions });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved_with_conditions');
    expect(decided.body.decisionNumber).toMatch(/^\d{4}\/GPXD-SXD$/);
    expect(decided.body.asset?.resource).toBe('towers');

    const tower = await call<Feature>(app, 'GET', `/api/v1/towers/${decided.body.asset?.id}`, {
      as: operator,
    });
    expect(tower.status).toBe(200);
    expect(tower.body.properties).toMatchObject({
      status: 'under_construction',
      ownerOrgId: orgId,
      heightM: 36,
    });
    const db = await testDatabase();
    const audit = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'towers' AND record_id = $1 AND action = 'create'`,
      [decided.body.asset?.id],
    );
    expect(audit[0]?.n).toBe(1);

    const file = await download(a.id, reviewer);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const text = await pdfText(file.bytes);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('UBND THÀNH PHỐ HẢI PHÒNG');
    expect(text).toContain('SỞ XÂY DỰNG');
    expect(text).toContain('GIẤY PHÉP XÂY DỰNG');
    expect(text).toContain(`Số: ${decided.body.decisionNumber}`);
    expect(text).toMatch(/Hải Phòng, ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(text).toContain(survey(site));
    expect(text).toContain(COMMUNE);
    expect(text).toContain(orgName);
    for (const condition of conditions) expect(text).toContain(condition);
    expect(text).toContain('KT. GIÁM ĐỐC');
    expect(text).toContain('PHÓ GIÁM ĐỐC');
    expect(text).toContain('Độ cao tĩnh không sân bay');
    expect(text).toContain(tower.body.properties.code);

    // The applicant and the commune's inspector may download it too; the file is an attachment of purpose decision.
    expect((await download(a.id, operator)).status).toBe(200);
    expect((await download(a.id, inspector)).status).toBe(200);
    const stored = await db.query<{ purpose: string; media_type: string }>(
      `SELECT purpose, media_type FROM attachments WHERE subject_kind = 'permit_application' AND subject_id = $1`,
      [a.id],
    );
    expect(stored).toEqual([{ purpose: 'decision', media_type: 'application/pdf' }]);
  });

  it('rejection: a refusal notice with the reasons, numbered in the same yearly sequence, and no asset', async () => {
    const first = await filed(
      app,
      operator.headers,
      towerApplication(at(0.003), {}, { title: 'Trạm BTS Quyết Định 2' }),
    );
    const second = await filed(
      app,
      operator.headers,
      towerApplication(at(0.005), {}, { title: 'Trạm BTS Quyết Định 3' }),
    );
    const one = await decide(first, { outcome: 'approved' });
    const reason =
      'Vị trí nằm trong phạm vi 100 m của trạm hiện có còn khả năng dùng chung; đề nghị dùng chung hạ tầng';
    const two = await decide(second, { outcome: 'rejected', reason });
    expect(two.status).toBe(200);
    expect(two.body.asset).toBeNull();
    expect(two.body.decisionNumber).toMatch(/^\d{4}\/TB-SXD$/);
    const seq = (n: string | null) => Number(n?.slice(0, 4));
    expect(seq(two.body.decisionNumber)).toBeGreaterThan(seq(one.body.decisionNumber));

    const text = await pdfText((await download(second.id, reviewer)).bytes);
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('về việc không cấp giấy phép xây dựng');
    expect(text).toContain(`Số: ${two.body.decisionNumber}`);
    expect(text).toContain('Lý do không cấp giấy phép');
    expect(text.replace(/\n/g, ' ')).toContain('Vị trí nằm trong phạm vi 100 m');
    expect(text).not.toContain('GIẤY PHÉP XÂY DỰNG');
  });

  it('exemption closes the application with a notice', async () => {
    const a = await filed(
      app,
      operator.headers,
      towerApplication(
        at(0.007),
        {
          towerClass: 'A1',
          heightM: 2.9,
          structure: 'rooftop_column',
          mounting: 'rooftop',
          buildingHeightM: 20,
        },
        { title: 'Cột A1 trên mái' },
      ),
    );
    const decided = await decide(a, { outcome: 'exempt' });
    expect(decided.status).toBe(200);
    expect(decided.body.asset).toBeNull();
    const text = await pdfText((await download(a.id, reviewer)).bytes);
    expect(text).toContain('miễn giấy phép xây dựng');
    expect(text).toContain(`Số: ${decided.body.decisionNumber}`);
  });

  it('duct works become a duct, a pole line one pole per vertex, all under construction', async () => {
    const route: [number, number][] = [at(-0.004, 0.002), at(-0.002, 0.002), at(0, 0.0025)];
    const duct = await filed(app, operator.headers, {
      kind: 'duct_works',
      title: 'Tuyến cống bể Quyết Định',
      geometry: { type: 'LineString', coordinates: route },
      details: { startsOn: '2027-01-10', endsOn: '2027-03-01', method: 'duct' },
    });
    const ductDecision = await decide(duct, { outcome: 'approved' });
    expect(ductDecision.status).toBe(200);
    expect(ductDecision.body.asset?.resource).toBe('ducts');
    const ductFeature = await call<Feature & { geometry: { coordinates: unknown } }>(
      app,
      'GET',
      `/api/v1/ducts/${ductDecision.body.asset?.id}`,
      { as: operator },
    );
    expect(ductFeature.body.properties.status).toBe('under_construction');
    expect(ductFeature.body.geometry.coordinates).toEqual(route);
    const ductText = await pdfText((await download(duct.id, operator)).bytes);
    expect(ductText).toContain(`Điểm đầu tuyến: ${survey(route[0] as [number, number])}`);
    expect(ductText).toContain('10/01/2027');

    const poleRoute = route.map(([x, y]): [number, number] => [x, Number((y - 0.004).toFixed(6))]);
    const line = await filed(app, operator.headers, {
      kind: 'pole_line',
      title: 'Tuyến cột Quyết Định',
      geometry: { type: 'LineString', coordinates: poleRoute },
      details: {},
    });
    const lineDecision = await decide(line, { outcome: 'approved' });
    expect(lineDecision.status).toBe(200);
    expect(lineDecision.body.asset?.resource).toBe('poles');
    expect(lineDecision.body.asset?.ids).toHaveLength(3);
    for (const [i, id] of (lineDecision.body.asset?.ids ?? []).entries()) {
      const pole = await call<Feature & { geometry: { coordinates: unknown } }>(
        app,
        'GET',
        `/api/v1/poles/${id}`,
        {
          as: operator,
        },
      );
      expect(pole.body.properties.status).toBe('under_construction');
      expect(pole.body.geometry.coordinates).toEqual(poleRoute[i]);
    }
  });

  it('a stale If-Match decides nothing: no number, no asset, no document', async () => {
    const a = await filed(app, operator.headers, towerApplication(at(0.009), {}, { title: 'Trạm BTS cũ' }));
    const stale = await decide({ id: a.id, version: a.version - 1 }, { outcome: 'approved' });
    expect(stale.status).toBe(409);
    const db = await testDatabase();
    const row = await db.query<{ n: string | null; files: number }>(
      `SELECT decision_number AS n, (SELECT count(*)::int FROM attachments WHERE subject_id = $1) AS files
       FROM permit_applications WHERE id = $1`,
      [a.id],
    );
    expect(row[0]).toEqual({ n: null, files: 0 });
    expect((await download(a.id, reviewer)).status).toBe(404);
  });
});
