import { toVn2000 } from '@hatang/geo';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportsApp, type ImportView, importsTestApp, upload } from './imports-app.js';

let app: ImportsApp;
let planner: Session;
let owner: string;
let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
  app = importsTestApp(db, { maxUploadBytes: 2 * 1024 * 1024 });
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  owner = await createOrganisation(db);
});

const tag = () => crypto.randomUUID().slice(0, 8);
/** A place in Hai Phong (VN-2000 TM-3 is only accurate near its central meridian), unique per test run. */
const base = Math.random() * 0.05;
const inHaiPhong = (i: number): [number, number] => [Number((106.6 + base + i * 0.0005).toFixed(6)), 20.75];

async function request<T>(session: Session, method: string, path: string, json?: unknown) {
  const response = await app.request(path, {
    method,
    headers: { ...session.headers, ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: (/json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : null) as T,
  };
}

async function count(table: string, ownerOrgId: string, codePrefix: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE owner_org_id = $1 AND code LIKE $2`,
    [ownerOrgId, `${codePrefix}%`],
  );
  return rows[0]?.n ?? 0;
}

describe('GeoJSON import', () => {
  it('previews in WGS 84, commits every row in one go and audits each feature', async () => {
    const t = tag();
    const features = [0, 1, 2].map((i) => sampleFeature('towers', owner, `gj-${t}-${i}`, farAway(9000 + i)));
    const { status, body } = await upload(
      app,
      planner,
      { name: 'towers.geojson', content: JSON.stringify({ type: 'FeatureCollection', features }) },
      'towers',
    );
    expect(status).toBe(202);
    expect(body).toMatchObject({
      status: 'ready',
      rowsParsed: 3,
      rowsInvalid: 0,
      issueCount: 0,
      crs: 'EPSG:4326',
    });
    expect(body.mapping).toMatchObject({ code: 'code', ownerOrgId: 'ownerOrgId', heightM: 'heightM' });
    expect(body.preview[0]?.geometry).toEqual(features[0]?.geometry);
    expect(body.preview[0]?.properties).toMatchObject({ code: `gj-${t}-0`, heightM: 42 });

    // The client's own request id is kept on every audit row, apart from the server's.
    const response = await app.request(`/api/v1/imports/${body.id}/commit`, {
      method: 'POST',
      headers: { ...planner.headers, 'x-request-id': `batch-${t}` },
    });
    const committed = { status: response.status, body: (await response.json()) as ImportView };
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({
      status: 'committed',
      result: { created: 3, updated: 0, skipped: 0 },
    });
    expect(await count('towers', owner, `gj-${t}`)).toBe(3);
    const audit = await db.query<{ action: string; client_request_id: string; request_id: string }>(
      "SELECT action, client_request_id, request_id FROM audit_log WHERE resource = 'towers' AND after->'properties'->>'code' LIKE $1 ORDER BY id",
      [`gj-${t}%`],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'create']);
    expect(new Set(audit.map((a) => a.client_request_id))).toEqual(new Set([`batch-${t}`]));
    expect(audit[0]?.request_id).not.toBe(`batch-${t}`);
    const again = await request(planner, 'POST', `/api/v1/imports/${body.id}/commit`);
    expect(again.status).toBe(409);
  });
});

describe('CSV import', () => {
  const header = 'code,ownerOrgId,status,material,owner_sector,height_m,attachments_used,attachments_max,X,Y';
  const row = (
    code: string,
    at: [number, number],
    extra: Partial<Record<'material' | 'height', string>> = {},
  ) => {
    const { x, y } = toVn2000(at);
    // Survey convention: X is the northing, Y the easting.
    return `${code},${owner},existing,${extra.material ?? 'concrete'},telecom,${extra.height ?? '8.5'},1,4,${y.toFixed(3)},${x.toFixed(3)}`;
  };

  it('reads VN-2000 X/Y in the chosen zone, reports every bad row, and writes nothing unless asked', async () => {
    const t = tag();
    const csv = [
      header,
      row(`csv-${t}-1`, inHaiPhong(0)),
      row(`csv-${t}-2`, inHaiPhong(1), { material: 'plastic', height: 'tall' }),
      row(`csv-${t}-3`, inHaiPhong(2)),
      row(`csv-${t}-1`, inHaiPhong(3)),
    ].join('\n');
    const missingCrs = await upload(app, planner, { name: 'poles.csv', content: csv }, 'poles');
    expect(missingCrs.body).toMatchObject({ status: 'failed', error: { code: 'CRS_REQUIRED' } });
    expect(missingCrs.body.error.message).toMatch(/EPSG:9210/);

    const { body } = await upload(app, planner, { name: 'poles.csv', content: csv }, 'poles', 'EPSG:9210');
    expect(body).toMatchObject({ status: 'ready', rowsParsed: 4, rowsInvalid: 2 });
    expect(body.issues).toEqual([
      { row: 2, field: 'heightM', message: expect.any(String) },
      { row: 2, field: 'material', message: expect.any(String) },
      { row: 4, field: 'code', message: `code "csv-${t}-1" is already used by row 1 of this file` },
    ]);
    const [lng, lat] = (body.preview[0]?.geometry.coordinates ?? []) as number[];
    expect(lng).toBeCloseTo(inHaiPhong(0)[0], 6);
    expect(lat).toBeCloseTo(inHaiPhong(0)[1], 6);

    const report = await request(planner, 'GET', `/api/v1/imports/${body.id}/report.csv`);
    expect(report.status).toBe(200);
    expect(report.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'row,field,message',
      expect.stringMatching(/^2,heightM,/),
      expect.stringMatching(/^2,material,/),
      `4,code,"code ""csv-${t}-1"" is already used by row 1 of this file"`,
      '',
    ]);

    const refused = await request<{ error: { code: string } }>(
      planner,
      'POST',
      `/api/v1/imports/${body.id}/commit`,
    );
    expect(refused.status).toBe(400);
    expect(await count('poles', owner, `csv-${t}`)).toBe(0);

    const chosen = await request<ImportView>(planner, 'PATCH', `/api/v1/imports/${body.id}`, {
      validRowsOnly: true,
    });
    expect(chosen.status).toBe(200);
    const committed = await request<ImportView>(planner, 'POST', `/api/v1/imports/${body.id}/commit`);
    expect(committed.body.result).toEqual({ created: 2, updated: 0, skipped: 0, invalidSkipped: 2 });
    expect(await count('poles', owner, `csv-${t}`)).toBe(2);
  });

  it('takes a field mapping from the user and re-checks every row', async () => {
    const t = tag();
    const csv = [
      `MA_COT;CHU_SO_HUU;CHIEU_CAO;lng;lat`,
      `map-${t};${owner};9,5;${farAway(9200).join(';')}`,
    ].join('\r\n');
    const { body } = await upload(app, planner, { name: 'cot.csv', content: csv }, 'poles');
    expect(body.rowsInvalid).toBe(1);
    expect(body.issues.map((i) => i.field)).toContain('code');
    const mapping = {
      code: 'MA_COT',
      ownerOrgId: 'CHU_SO_HUU',
      heightM: 'CHIEU_CAO',
      status: { value: 'planned' },
      material: { value: 'steel' },
      ownerSector: { value: 'power' },
      attachmentsUsed: { value: 0 },
      attachmentsMax: { value: 2 },
    };
    const bad = await request<{ error: { details: { path: unknown[] }[] } }>(
      planner,
      'PATCH',
      `/api/v1/imports/${body.id}`,
      {
        mapping: { ...mapping, depthM: 'nope' },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toEqual([['mapping', 'depthM']]);
    const remapped = await request<ImportView>(planner, 'PATCH', `/api/v1/imports/${body.id}`, { mapping });
    expect(remapped.body).toMatchObject({ rowsInvalid: 0, issueCount: 0 });
    expect(remapped.body.preview[0]?.properties).toMatchObject({
      code: `map-${t}`,
      heightM: 9.5,
      status: 'planned',
    });
    const committed = await request<ImportView>(planner, 'POST', `/api/v1/imports/${body.id}/commit`);
    expect(committed.body.result?.created).toBe(1);
  });
});

describe('CSV coordinate columns chosen by the user', () => {
  const header = 'code;ownerOrgId;status;material;owner_sector;height_m;attachments_used;attachments_max';
  const cells = (code: string) => `${code};${owner};existing;concrete;telecom;8;1;4`;

  it('reads VN-2000 easting/northing from columns whose names say nothing', async () => {
    const t = tag();
    const at = inHaiPhong(5);
    const { x, y } = toVn2000(at);
    const csv = [`${header};DONG;BAC`, `${cells(`col-${t}`)};${x.toFixed(3)};${y.toFixed(3)}`].join('\n');
    const guessed = await upload(app, planner, { name: 'p.csv', content: csv }, 'poles', 'EPSG:9210');
    expect(guessed.body).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_FILE' } });

    const { body } = await upload(app, planner, { name: 'p.csv', content: csv }, 'poles', 'EPSG:9210', {
      xField: 'DONG',
      yField: 'BAC',
    });
    expect(body).toMatchObject({ status: 'ready', rowsInvalid: 0, crs: 'EPSG:9210' });
    const [lng, lat] = (body.preview[0]?.geometry.coordinates ?? []) as number[];
    expect(lng).toBeCloseTo(at[0], 6);
    expect(lat).toBeCloseTo(at[1], 6);
  });

  it('reads longitude/latitude columns when no CRS (WGS 84) is chosen, and names a missing column', async () => {
    const t = tag();
    const at = farAway(9250);
    const csv = [`${header};KD;VD`, `${cells(`deg-${t}`)};${at[0]};${at[1]}`].join('\n');
    const { body } = await upload(app, planner, { name: 'p.csv', content: csv }, 'poles', undefined, {
      xField: 'KD',
      yField: 'VD',
    });
    expect(body).toMatchObject({ status: 'ready', crs: 'EPSG:4326' });
    expect(body.preview[0]?.geometry.coordinates).toEqual(at);

    const missing = await upload(app, planner, { name: 'p.csv', content: csv }, 'poles', undefined, {
      xField: 'KD',
      yField: 'LAT',
    });
    expect(missing.body.error.message).toMatch(/no column "LAT"/);
    const half = await upload(app, planner, { name: 'p.csv', content: csv }, 'poles', undefined, {
      xField: 'KD',
    });
    expect(half.status).toBe(400);
    expect(half.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('duplicates', () => {
  it('skips or updates assets that exist with the same code or at the same place', async () => {
    const t = tag();
    const first = [0, 1].map((i) => sampleFeature('manholes', owner, `dup-${t}-${i}`, farAway(9300 + i)));
    const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const created = await upload(app, planner, { name: 'm.geojson', content: fc(first) }, 'manholes');
    await request(planner, 'POST', `/api/v1/imports/${created.body.id}/commit`);

    // Same code (row 1), and a new code 0.3 m from the second manhole (row 2), plus one new.
    const moved = farAway(9301);
    const again = [
      { ...first[0], properties: { ...first[0]?.properties, depthM: 2.5 } },
      sampleFeature('manholes', owner, `dup-${t}-renamed`, [moved[0] + 0.000003, moved[1]]),
      sampleFeature('manholes', owner, `dup-${t}-new`, farAway(9302)),
    ];
    const skip = await upload(app, planner, { name: 'm.geojson', content: fc(again) }, 'manholes');
    // Told before the commit: which rows match what, and how.
    const found = await request<{ count: number; rows: unknown[] }>(
      planner,
      'GET',
      `/api/v1/imports/${skip.body.id}/duplicates`,
    );
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      count: 2,
      rows: [
        { row: 1, existingId: expect.any(String), existingCode: `dup-${t}-0`, match: 'code' },
        { row: 2, existingId: expect.any(String), existingCode: `dup-${t}-1`, match: 'place' },
      ],
    });
    const skipped = await request<ImportView>(planner, 'POST', `/api/v1/imports/${skip.body.id}/commit`);
    expect(skipped.body.result).toMatchObject({ created: 1, updated: 0, skipped: 2 });
    const afterCommit = await request(planner, 'GET', `/api/v1/imports/${skip.body.id}/duplicates`);
    expect(afterCommit.status).toBe(409);

    const update = await upload(
      app,
      planner,
      { name: 'm.geojson', content: fc(again.slice(0, 2)) },
      'manholes',
    );
    await request(planner, 'PATCH', `/api/v1/imports/${update.body.id}`, { duplicates: 'update' });
    const updated = await request<ImportView>(planner, 'POST', `/api/v1/imports/${update.body.id}/commit`);
    expect(updated.body.result).toMatchObject({ created: 0, updated: 2, skipped: 0 });
    const rows = await db.query<{ code: string; depth_m: number; version: number }>(
      'SELECT code, depth_m, version FROM manholes WHERE owner_org_id = $1 AND code LIKE $2 ORDER BY code',
      [owner, `dup-${t}%`],
    );
    expect(rows).toEqual([
      { code: `dup-${t}-0`, depth_m: 2.5, version: 2 },
      { code: `dup-${t}-new`, depth_m: 1.2, version: 1 },
      { code: `dup-${t}-renamed`, depth_m: 1.2, version: 2 },
    ]);
    const audit = await db.query<{ action: string; before: unknown }>(
      "SELECT action, before FROM audit_log WHERE resource = 'manholes' AND request_id IS NOT NULL AND after->'properties'->>'code' = $1 ORDER BY id",
      [`dup-${t}-renamed`],
    );
    expect(audit.map((a) => a.action)).toEqual(['update']);
    expect(audit[0]?.before).toMatchObject({ properties: { code: `dup-${t}-1` } });
  });
});

describe('who may import what', () => {
  it("lets an operator editor import only its own organisation's assets, owner filled in by default", async () => {
    const org = await createOrganisation(db);
    const editor = await sessionFor(app, db, org, ['operator_editor']);
    const t = tag();
    const own = sampleFeature('manholes', org, `own-${t}`, farAway(9400));
    const { ownerOrgId: _, ...withoutOwner } = own.properties;
    const other = sampleFeature('manholes', owner, `other-${t}`, farAway(9401));
    const content = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ ...own, properties: withoutOwner }, other],
    });
    const { body } = await upload(app, editor, { name: 'm.geojson', content }, 'manholes');
    expect(body.issues).toEqual([
      { row: 2, field: 'ownerOrgId', message: "you may import only your own organisation's assets" },
    ]);

    const viewer = await sessionFor(app, db, org, ['operator_viewer']);
    const refused = await upload(app, viewer, { name: 'm.geojson', content }, 'manholes');
    expect(refused.status).toBe(403);
    expect((await request(viewer, 'GET', `/api/v1/imports/${body.id}`)).status).toBe(403);
    expect((await request(planner, 'GET', `/api/v1/imports/${body.id}`)).status).toBe(404);
  });
});
