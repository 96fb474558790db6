/**
 * Excel registers and DXF drawings through the import (issue #18 item 7): an operator's .xlsx
 * with degrees-minutes-seconds coordinates (the sheet chosen) and a VN-2000 DXF duct drawing with
 * manhole blocks import through the same preview, mapping and commit as the other formats, each
 * position within 1 m of the source (the expected WGS 84 worked out here from the source values
 * with proj4 and the project's VN-2000 definition); hostile workbooks and drawings are refused
 * with nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crsInfo, haversineM } from '@hatang/geo';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { parsing } from '../../apps/api/src/features/imports/import-jobs.js';
import { ParsePool } from '../../apps/api/src/jobs/parse-pool.js';
import { defaultUploadLimits } from '../../apps/api/src/jobs/upload-limits.js';
import { createOrganisation } from '../support/fixtures.js';
import {
  dms,
  dmsDegrees,
  ductDrawing,
  hugeCellXlsx,
  manyEntitiesDxf,
  nestedBlocksDxf,
  registerWorkbook,
  wideXlsx,
  xlsxBomb,
} from '../support/register-files.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportView, upload } from './imports-app.js';

const MiB = 1024 * 1024;
let db: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let pool: ParsePool;
let spoolDir: string;
let planner: Session;
let owner: string;

beforeAll(async () => {
  db = await testDatabase();
  spoolDir = mkdtempSync(join(tmpdir(), 'hatang-xlsx-dxf-'));
  pool = new ParsePool({ ...defaultUploadLimits(spoolDir), maxUploadBytes: 32 * MiB, poolSize: 1 });
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N }, uploads: pool });
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  owner = await createOrganisation(db);
});

afterAll(async () => {
  await pool.close();
  rmSync(spoolDir, { recursive: true, force: true });
});

const tag = () => crypto.randomUUID().slice(0, 8);
/** A place in Hai Phong unique to this run (duplicates are matched by place too). */
const base = Math.random() * 0.02;
const VN2000 = crsInfo('EPSG:9210').proj4;

async function send<T>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }> {
  const response = await app.request(path, {
    method,
    headers: { ...planner.headers, ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function positions(table: string, codePrefix: string) {
  return db.query<{ code: string; geom: { type: string; coordinates: unknown } }>(
    `SELECT code, ST_AsGeoJSON(geom)::json AS geom FROM ${table} WHERE code LIKE $1 ORDER BY code`,
    [`${codePrefix}%`],
  );
}

const manholeConstants = { status: { value: 'existing' } };

describe('Excel register import', () => {
  it('lists the sheets, reads the chosen one with DMS coordinates and decimal commas, and lands within 1 m', async () => {
    const t = tag();
    const rows = [0, 1, 2].map((i) => ({
      code: `XL-${t}-${i}`,
      lngLat: [106.62 + base + i * 0.0013, 20.81 + base + i * 0.0007] as [number, number],
      covers: 2,
      depthM: 1.5 + i / 10,
      surveyed: new Date(Date.UTC(2025, 2, 10 + i)),
    }));
    const workbook = await registerWorkbook(rows);

    const first = await upload(app, planner, { name: 'so-bo.xlsx', content: workbook }, 'manholes');
    expect(first.body).toMatchObject({ status: 'ready', format: 'xlsx', rowsParsed: 1 });
    expect(first.body.parts).toEqual([
      { name: 'Cột điện', rows: 1, geometry: null, chosen: true },
      { name: 'Hố ga', rows: 3, geometry: null, chosen: false },
    ]);

    const { status, body } = await upload(
      app,
      planner,
      { name: 'so-bo.xlsx', content: workbook },
      'manholes',
      undefined,
      { sheet: 'Hố ga' },
    );
    expect(status).toBe(202);
    expect(body).toMatchObject({ status: 'ready', rowsParsed: 3, crs: 'EPSG:4326' });
    expect(body.parts.find((p) => p.chosen)?.name).toBe('Hố ga');
    expect(body.fields).toEqual(['Mã', 'Vĩ độ', 'Kinh độ', 'Loại', 'Số nắp', 'Độ sâu (m)', 'Ngày khảo sát']);
    expect(body.preview[0]?.source).toMatchObject({
      'Số nắp': 2,
      'Độ sâu (m)': '1,5',
      'Ngày khảo sát': '2025-03-10',
    });

    const mapping = {
      code: 'Mã',
      manholeType: 'Loại',
      covers: 'Số nắp',
      depthM: 'Độ sâu (m)',
      ...manholeConstants,
      ownerOrgId: { value: owner },
    };
    const remapped = await send<ImportView>('PATCH', `/api/v1/imports/${body.id}`, { mapping });
    expect(remapped.status).toBe(200);
    expect(remapped.body).toMatchObject({ rowsInvalid: 0, issueCount: 0 });
    expect(remapped.body.preview[0]?.properties).toMatchObject({
      code: rows[0]?.code,
      depthM: 1.5,
      covers: 2,
    });
    const committed = await send<ImportView>('POST', `/api/v1/imports/${body.id}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.body.result).toMatchObject({ created: 3 });

    const stored = await positions('manholes', `XL-${t}`);
    expect(stored).toHaveLength(3);
    stored.forEach((row, i) => {
      const source = rows[i];
      if (!source) throw new Error('missing row');
      // Expected: the DMS text as written in the cell, read back by hand.
      const expected: [number, number] = [
        dmsDegrees(dms(source.lngLat[0], 'EW')),
        dmsDegrees(dms(source.lngLat[1], 'NS')),
      ];
      expect(row.geom.type).toBe('Point');
      expect(haversineM(row.geom.coordinates as [number, number], expected)).toBeLessThan(1);
    });
  });

  it('reports a row whose coordinate cell is not an angle, with its row number', async () => {
    const t = tag();
    const workbook = await registerWorkbook([
      { code: `XB-${t}`, lngLat: [106.65 + base, 20.82], covers: 1, depthM: 1, surveyed: new Date() },
    ]);
    // The same book with a wrong latitude: rebuild with exceljs.
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(workbook).buffer);
    const sheet = book.getWorksheet('Hố ga');
    if (!sheet) throw new Error('no sheet');
    sheet.getRow(2).getCell(2).value = 'không rõ';
    const changed = new Uint8Array(await book.xlsx.writeBuffer());
    const { body } = await upload(
      app,
      planner,
      { name: 'bad.xlsx', content: changed },
      'manholes',
      undefined,
      {
        sheet: 'Hố ga',
      },
    );
    expect(body.status).toBe('ready');
    expect(body.issues).toContainEqual(expect.objectContaining({ row: 1, field: 'geometry' }));
  });
});

describe('DXF drawing import', () => {
  const drawing = () => {
    const e = 590_000 + Math.round(base * 100_000);
    const n = 2_305_000 + Math.round(base * 50_000);
    return {
      duct: [
        [e + 0.25, n + 0.75],
        [e + 60.5, n + 12.25],
        [e + 130, n + 4.5],
      ] as [number, number][],
      manholes: [
        { code: 'HG-A', at: [e + 0.25, n + 0.75] as [number, number] },
        { code: 'HG-B', at: [e + 130, n + 4.5] as [number, number] },
      ],
    };
  };

  it('lists the layers and imports the duct polyline of ONG_CONG and the manhole blocks, within 1 m', async () => {
    const t = tag();
    const source = drawing();
    const text = ductDrawing({
      ...source,
      manholes: source.manholes.map((m) => ({ ...m, code: `${m.code}-${t}` })),
    });

    // Manholes: the point layers by default; the attribute MA is a field to map.
    const manholes = await upload(app, planner, { name: 'cong.dxf', content: text }, 'manholes');
    expect(manholes.body).toMatchObject({ status: 'ready', format: 'dxf', crs: 'EPSG:9210', rowsParsed: 2 });
    expect(manholes.body.parts).toEqual([
      { name: 'HO_GA', rows: 2, geometry: 'point', chosen: true },
      { name: 'ONG_CONG', rows: 1, geometry: 'line', chosen: false },
    ]);
    expect(manholes.body.fields).toEqual(['layer', 'entity', 'block', 'MA']);
    const m = await send<ImportView>('PATCH', `/api/v1/imports/${manholes.body.id}`, {
      mapping: {
        code: 'MA',
        manholeType: { value: 'manhole' },
        covers: { value: 1 },
        depthM: { value: 1.2 },
        ...manholeConstants,
        ownerOrgId: { value: owner },
      },
    });
    expect(m.body).toMatchObject({ rowsInvalid: 0 });
    expect(
      (await send<ImportView>('POST', `/api/v1/imports/${manholes.body.id}/commit`)).body.result,
    ).toMatchObject({
      created: 2,
    });

    // Ducts: the layer chosen by name.
    const ducts = await upload(app, planner, { name: 'cong.dxf', content: text }, 'ducts', 'EPSG:9210', {
      layers: JSON.stringify(['ONG_CONG']),
    });
    expect(ducts.body).toMatchObject({ status: 'ready', rowsParsed: 1 });
    const d = await send<ImportView>('PATCH', `/api/v1/imports/${ducts.body.id}`, {
      mapping: {
        code: { value: `ONG-${t}` },
        tubesTotal: { value: 4 },
        tubesUsed: { value: 1 },
        diameterMm: { value: 110 },
        depthM: { value: 0.8 },
        ...manholeConstants,
        ownerOrgId: { value: owner },
      },
    });
    expect(d.body).toMatchObject({ rowsInvalid: 0 });
    expect(
      (await send<ImportView>('POST', `/api/v1/imports/${ducts.body.id}/commit`)).body.result,
    ).toMatchObject({
      created: 1,
    });

    const toWgs84 = (xy: [number, number]) => proj4(VN2000, 'WGS84', xy) as [number, number];
    const storedManholes = await positions('manholes', 'HG-');
    for (const manhole of source.manholes) {
      const row = storedManholes.find((r) => r.code === `${manhole.code}-${t}`);
      expect(row?.geom.type).toBe('Point');
      expect(haversineM(row?.geom.coordinates as [number, number], toWgs84(manhole.at))).toBeLessThan(1);
    }
    const [duct] = await positions('ducts', `ONG-${t}`);
    expect(duct?.geom.type).toBe('LineString');
    const vertices = duct?.geom.coordinates as [number, number][];
    expect(vertices).toHaveLength(3);
    source.duct.forEach((xy, i) => {
      expect(haversineM(vertices[i] as [number, number], toWgs84(xy))).toBeLessThan(1);
    });
  });

  it('refuses an unknown layer name with the layers the drawing has', async () => {
    const { body } = await upload(
      app,
      planner,
      { name: 'c.dxf', content: ductDrawing(drawing()) },
      'ducts',
      undefined,
      {
        layers: JSON.stringify(['KHONG_CO']),
      },
    );
    expect(body).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_FILE' } });
    expect(body.error.message).toContain('HO_GA');
  });
});

describe('hostile workbooks and drawings', () => {
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;

  async function refused(name: string, content: string | Uint8Array, limit: string) {
    const before = await count('manholes');
    const { status, body } = await upload(app, planner, { name, content }, 'manholes');
    expect(status).toBe(202);
    await parsing(body.id);
    expect(body).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(body.error.message).toContain(limit);
    const staged = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1',
      [body.id],
    );
    expect(staged[0]?.n).toBe(0);
    expect(await count('manholes')).toBe(before);
    expect((await app.request('/api/health')).status).toBe(200);
  }

  it('refuses a zip-bomb workbook from its central directory (compression ratio)', async () => {
    const bomb = xlsxBomb(64 * MiB);
    expect(bomb.length).toBeLessThan(1 * MiB);
    await refused('bomb.xlsx', bomb, 'packed size');
  });

  it('refuses a workbook with 100 000 columns before exceljs reads it', async () => {
    await refused('wide.xlsx', wideXlsx(100_000), 'maxColumns');
  });

  it('refuses a workbook with a 1 MB cell', async () => {
    await refused('cell.xlsx', await hugeCellXlsx(1_000_000), 'maxCellChars');
  });

  it('refuses a DXF whose blocks nest deeper than maxDepth', async () => {
    await refused('nested.dxf', nestedBlocksDxf(200), 'maxDepth');
  });

  it('refuses a DXF of a million entities before parsing them', async () => {
    await refused('million.dxf', manyEntitiesDxf(1_000_000), 'maxFeatures');
  });

  it('refuses binary junk named .dxf at once with 400, creating no job', async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const jobs = await count('import_jobs');
    const { status, body } = await upload(app, planner, { name: 'junk.dxf', content: junk }, 'manholes');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(body.error.message).toContain('not a text DXF');
    expect(await count('import_jobs')).toBe(jobs);
  });
});
