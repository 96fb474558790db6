/**
 * Every CSV download neutralises cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR at the start) while numbers, negative ones included, stay numbers: the asset export,
 * the import report and the plan appendix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appendixCsv } from '../../apps/api/src/features/plans/exports/appendix-files.js';
import type { AppendixRow } from '../../apps/api/src/features/plans/exports/appendix-rows.js';
import { createOrganisation, sampleFeature } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportsApp, importsTestApp, upload } from './imports-app.js';

const HOSTILE = '=HYPERLINK("http://evil.example","open")';
const DDE = "-2+3+cmd|' /C calc'!A0";

let app: ImportsApp;
let db: Awaited<ReturnType<typeof testDatabase>>;
let planner: Session;
let owner: string;
const t = crypto.randomUUID().slice(0, 6);

beforeAll(async () => {
  db = await testDatabase();
  app = importsTestApp(db);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  owner = await createOrganisation(db);
});

async function text(path: string) {
  const response = await app.request(path, { headers: planner.headers });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/^\uFEFF/, '');
}

describe('CSV formula guard', () => {
  it('neutralises a hostile asset name in the asset export and keeps coordinates numeric', async () => {
    const wifi = sampleFeature('wifi-points', owner, `fx-${t}`, [106.64, 20.81]);
    wifi.properties.name = HOSTILE;
    const created = await app.request('/api/v1/wifi-points', {
      method: 'POST',
      headers: { ...planner.headers, 'content-type': 'application/json' },
      body: JSON.stringify(wifi),
    });
    expect(created.status).toBe(201);
    const csv = await text(`/api/v1/exports/wifi-points?format=csv&ownerOrgId=${owner}&code=fx-${t}`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""open"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const [, row] = csv.split('\r\n');
    expect(row?.split(',').slice(-4, -2).map(Number)).toEqual([106.64, 20.81]);
  });

  it('neutralises formula-like text in the import report', async () => {
    const csv = 'code,lng,lat\n';
    const { body } = await upload(app, planner, { name: 'poles.csv', content: csv }, 'poles', 'EPSG:4326');
    // The report repeats what a file said; write such issues straight into the job.
    await db.query(
      `INSERT INTO import_issues (import_id, row_no, field, message) VALUES ($1, 1, '@field', $2), ($1, 2, 'code', '-5')`,
      [body.id, DDE],
    );
    const report = await text(`/api/v1/imports/${body.id}/report.csv`);
    expect(report.split('\r\n')).toEqual(['row,field,message', `1,'@field,'${DDE}`, '2,code,-5', '']);
  });

  it('neutralises a hostile item name in the plan appendix, numbers stay numbers', () => {
    const row: AppendixRow = {
      stt: 1,
      name: HOSTILE,
      kind: '+tower',
      communes: '@Lê Chân',
      phase: '-',
      status: 'draft',
      organisation: '\tcity',
      attributes: '',
      lengthM: -0,
      areaM2: null,
      startX: 2_300_000.5,
      startY: -12.25,
      endX: null,
      endY: null,
      notes: '\r=1+1',
    };
    const csv = appendixCsv([{ id: 'g', sheet: 'G', title: { vi: '=Nhóm', en: 'Group' }, rows: [row] }]);
    const line = csv.split('\r\n')[1] ?? '';
    expect(line.startsWith("'=Nhóm,1,")).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""open"")"`);
    expect(line).toContain("'+tower");
    expect(line).toContain("'@Lê Chân");
    expect(line).toContain(",'-,");
    expect(line).toContain(",'\tcity,");
    expect(line).toContain(',2300000.5,-12.25,');
    expect(line).toContain(`"'\r=1+1"`);
  });
});
