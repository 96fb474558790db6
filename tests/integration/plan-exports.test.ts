/**
 * Plan exports that are data: the appendix (XLSX read back with exceljs, CSV), GeoJSON and
 * GeoPackage of a version (read back with sql.js), and who may download them.
 */
import { lineLengthM, toVn2000, vn2000Label } from '@hatang/geo';
import { readGeoPackage } from '@hatang/geo/formats';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { loadSqlJs } from '../../apps/api/src/features/imports/upload-source.js';
import { call } from '../support/http.js';
import { testDatabase } from '../support/test-database.js';
import { download, type ExportFixture, exportFixture } from './plan-exports-support.js';
import { plansApp } from './plans-support.js';

let app: App;
let f: ExportFixture;

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  f = await exportFixture(app, db);
});

const survey = (p: unknown) => vn2000Label(toVn2000(p as [number, number]));
const itemNamed = (name: string) => {
  const item = f.items.find((i) => i.name === name);
  if (!item) throw new Error(`no fixture item ${name}`);
  return item;
};

async function workbook(path: string) {
  const file = await download(app, path, f.planner);
  expect(file.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  return { file, book };
}

/** The data rows of a sheet as objects keyed by the English header (second header row). */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  let headerRow = 0;
  sheet.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === 'STT') headerRow = n;
  });
  const english = (sheet.getRow(headerRow + 1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n <= headerRow + 1 || typeof row.getCell(1).value !== 'number') return;
    rows.push(Object.fromEntries(english.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

describe('plan appendix', () => {
  it('writes one sheet per group with a title block, Vietnamese and English headers and VN-2000 coordinates', async () => {
    const { file, book } = await workbook(
      `/api/v1/plan-versions/${f.draftId}/appendix.xlsx?commune=${f.communeCode}`,
    );
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"$/);
    expect(disposition).toContain(f.communeCode);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Cột ăng-ten',
      'Cột treo cáp',
      'Cống bể, hào, tuy-nen',
      'Ngầm hóa',
      'Cáp biển',
      'TTDL và WiFi',
    ]);
    const towers = book.getWorksheet('Cột ăng-ten');
    if (!towers) throw new Error('no towers sheet');
    const title = [1, 2, 3, 4, 5, 6].map((r) => String(towers.getRow(r).getCell(1).value)).join('\n');
    expect(title).toContain('PHỤ LỤC QUY HOẠCH');
    expect(title).toContain(f.planName);
    expect(title).toContain('Phương án Đông');
    expect(title).toContain('Dự thảo');
    expect(title).toContain(`${f.communeName} (${f.communeCode})`);
    expect(title).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    const rows = rowsOf(towers);
    expect(rows.map((r) => r.Name).sort()).toEqual(['Khu cột Đồi Thông', 'Trạm Bãi Đá']);
    const site = rows.find((r) => r.Name === 'Trạm Bãi Đá');
    const expected = survey(itemNamed('Trạm Bãi Đá').geometry.coordinates);
    expect(site?.Commune).toBe(f.communeName);
    expect(site?.Kind).toBe('Vị trí trạm BTS / cột ăng-ten');
    expect(site?.Phase).toBe('2026–2027');
    expect(site?.['Responsible organisation']).toBe(f.orgName);
    expect(site?.['Key attributes']).toBe('Loại cột: A1');
    expect(Number(site?.['X northing (point, start)'])).toBeCloseTo(expected.X, 2);
    expect(Number(site?.['Y easting (point, start)'])).toBeCloseTo(expected.Y, 2);
    expect(site?.['X northing (end)']).toBeNull();
    // A 0.004° square at 19.2° N: about 420 m × 444 m.
    const area = rows.find((r) => r.Name === 'Khu cột Đồi Thông');
    expect(Number(area?.['Area (m²)'])).toBeGreaterThan(0.9 * 420 * 444);
    expect(Number(area?.['Area (m²)'])).toBeLessThan(1.1 * 420 * 444);

    const ducts = rowsOf(book.getWorksheet('Cống bể, hào, tuy-nen') as ExcelJS.Worksheet);
    expect(ducts).toHaveLength(1);
    const duct = itemNamed('Tuyến cống Lạch Tray').geometry.coordinates as [number, number][];
    const start = survey(duct[0]);
    const end = survey(duct[duct.length - 1]);
    expect(Number(ducts[0]?.['X northing (point, start)'])).toBeCloseTo(start.X, 2);
    expect(Number(ducts[0]?.['Y easting (end)'])).toBeCloseTo(end.Y, 2);
    expect(Number(ducts[0]?.['X northing (end)'])).toBeCloseTo(end.X, 2);
    // Geodesic length (PostGIS) against the haversine sum: within 0.5 %.
    expect(Number(ducts[0]?.['Length (m)']) / lineLengthM(duct)).toBeCloseTo(1, 2);
    expect(ducts[0]?.['Key attributes']).toBe('Số ống: 12');

    const empty = book.getWorksheet('Cột treo cáp') as ExcelJS.Worksheet;
    expect(rowsOf(empty)).toEqual([]);
    let sawNone = false;
    empty.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('Không có công trình')) sawNone = true;
    });
    expect(sawNone).toBe(true);
  });

  it('lists every commune without ?commune=, with the commune column', async () => {
    const { book } = await workbook(`/api/v1/plan-versions/${f.draftId}/appendix.xlsx`);
    const towers = rowsOf(book.getWorksheet('Cột ăng-ten') as ExcelJS.Worksheet);
    const mine = towers.filter((r) => r.Commune === f.communeName);
    expect(mine.map((r) => r.Name).sort()).toEqual(['Khu cột Đồi Thông', 'Trạm Bãi Đá']);
    const title = String(book.getWorksheet('Cột ăng-ten')?.getRow(5).getCell(1).value);
    expect(title).toContain('Toàn thành phố');
  });

  it('writes the same rows as CSV, UTF-8 with a BOM', async () => {
    const file = await download(
      app,
      `/api/v1/plan-versions/${f.draftId}/appendix.csv?commune=${f.communeCode}`,
      f.planner,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM (checked above as bytes).
    const text = new TextDecoder().decode(file.bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Nhóm \/ Group,STT \/ No\.,Tên công trình \/ Name,/);
    expect(lines).toHaveLength(1 + f.items.length);
    const wifi = lines.find((l) => l.includes('Nhà văn hóa thôn Đông'));
    const expected = survey(itemNamed('Nhà văn hóa thôn Đông').geometry.coordinates);
    expect(wifi).toContain(
      'Trung tâm dữ liệu và điểm WiFi công cộng,1,Nhà văn hóa thôn Đông,Điểm WiFi công cộng',
    );
    expect(wifi).toContain(`,${(Math.round(expected.X * 100) / 100).toString()},`);
    expect(wifi).toContain(`,${(Math.round(expected.Y * 100) / 100).toString()},`);
  });
});

describe('GeoJSON and GeoPackage of a version', () => {
  it('exports the items and zones as GeoJSON that reads back as the same features', async () => {
    const file = await download(app, `/api/v1/plan-versions/${f.draftId}/export.geojson`, f.planner);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/geo+json');
    const collection = JSON.parse(new TextDecoder().decode(file.bytes)) as {
      version: { id: string; kind: string };
      features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
    };
    expect(collection.version).toMatchObject({ id: f.draftId, kind: 'draft' });
    for (const item of f.items) {
      // Only the items drawn in this version (the baseline's copies of the register have a source).
      const found = collection.features.find(
        (x) => x.properties.name === item.name && x.properties.sourceTable === null,
      );
      expect(found?.properties).toMatchObject({ layer: 'item', kind: item.kind, phase: '2026-2027' });
      expect(found?.geometry).toEqual(item.geometry);
    }
    const zone = collection.features.find((x) => x.properties.name === 'Khu di tích Thử');
    expect(zone?.properties).toMatchObject({ layer: 'zone', kind: 'heritage', scope: 'version' });
  });

  it('exports VN-2000 coordinates with ?crs=EPSG:9210', async () => {
    const file = await download(
      app,
      `/api/v1/plan-versions/${f.draftId}/export.geojson?crs=EPSG:9210`,
      f.planner,
    );
    const collection = JSON.parse(new TextDecoder().decode(file.bytes)) as {
      crs: { properties: { name: string } };
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(collection.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::9210');
    const site = collection.features.find(
      (x) => x.properties.name === 'Trạm Bãi Đá' && x.properties.sourceTable === null,
    );
    const { x, y } = toVn2000(itemNamed('Trạm Bãi Đá').geometry.coordinates as [number, number]);
    expect(site?.geometry.coordinates[0]).toBeCloseTo(x, 1);
    expect(site?.geometry.coordinates[1]).toBeCloseTo(y, 1);
  });

  it('exports a GeoPackage with a table per geometry type and the zones, in VN-2000 when asked', async () => {
    const file = await download(
      app,
      `/api/v1/plan-versions/${f.draftId}/export.gpkg?crs=EPSG:9210`,
      f.planner,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/-EPSG9210\.gpkg"$/);
    const sqlJs = await loadSqlJs();
    // The first table (by name) is what an importer reads: the tower areas.
    const first = readGeoPackage(sqlJs, file.bytes);
    expect(first.crs).toBe('EPSG:9210');
    const area = first.features.find((x) => x.properties.name === 'Khu cột Đồi Thông');
    const ring = (itemNamed('Khu cột Đồi Thông').geometry.coordinates as [number, number][][])[0] ?? [];
    if (!area?.geometry) throw new Error('no tower area in the GeoPackage');
    const stored = (area.geometry as { coordinates: number[][][] }).coordinates[0] ?? [];
    expect(stored).toHaveLength(ring.length);
    ring.forEach((p, i) => {
      const { x, y } = toVn2000(p);
      expect(stored[i]?.[0]).toBeCloseTo(x, 1);
      expect(stored[i]?.[1]).toBeCloseTo(y, 1);
    });
    expect(area?.properties).toMatchObject({
      kind: 'tower_area',
      towerClass: 'A2b',
      maxHeightM: 45,
      kindLabel: 'Khu vực bố trí cột ăng-ten dùng chung',
    });

    const db = new sqlJs.Database(file.bytes);
    try {
      const tables = db.exec(
        `SELECT c.table_name, g.geometry_type_name, g.srs_id FROM gpkg_contents c
         JOIN gpkg_geometry_columns g ON g.table_name = c.table_name ORDER BY c.table_name`,
      )[0]?.values;
      expect(tables).toEqual([
        ['plan_item_areas', 'POLYGON', 9210],
        ['plan_item_lines', 'LINESTRING', 9210],
        ['plan_item_points', 'POINT', 9210],
        ['plan_zones', 'POLYGON', 9210],
      ]);
      const names = (table: string) =>
        (
          db.exec(
            `SELECT name FROM ${table} WHERE ${table === 'plan_zones' ? "scope = 'version'" : '"sourceTable" IS NULL'} ORDER BY name`,
          )[0]?.values ?? []
        ).flat();
      expect(names('plan_item_lines')).toEqual(['Hành lang cáp biển Thử', 'Tuyến cống Lạch Tray']);
      expect(names('plan_item_areas')).toEqual(['Khu cột Đồi Thông']);
      expect(names('plan_zones')).toEqual(['Khu di tích Thử']);
    } finally {
      db.close();
    }
  });
});

describe('who may download exports', () => {
  it('hides drafts from viewers (404) and serves them the approved version', async () => {
    for (const file of ['appendix.xlsx', 'appendix.csv', 'export.geojson', 'export.gpkg']) {
      expect((await download(app, `/api/v1/plan-versions/${f.draftId}/${file}`, f.viewer)).status).toBe(404);
      expect((await download(app, `/api/v1/plan-versions/${f.approvedId}/${file}`, f.viewer)).status).toBe(
        200,
      );
    }
    expect((await download(app, `/api/v1/plan-versions/${f.approvedId}/appendix.csv`)).status).toBe(401);
  });

  it('answers 404 for an unknown version and 400 for an unknown commune or paper', async () => {
    const unknown = await call(app, 'GET', `/api/v1/plan-versions/${crypto.randomUUID()}/appendix.xlsx`, {
      as: f.planner,
    });
    expect(unknown.status).toBe(404);
    expect(
      (await call(app, 'GET', '/api/v1/plan-versions/not-a-uuid/export.geojson', { as: f.planner })).status,
    ).toBe(404);
    const commune = await call<{ error: { code: string; details: { path: string[] }[] } }>(
      app,
      'GET',
      `/api/v1/plan-versions/${f.draftId}/appendix.csv?commune=99999x`,
      { as: f.planner },
    );
    expect(commune.status).toBe(400);
    expect(commune.body.error.code).toBe('VALIDATION_FAILED');
    expect(commune.body.error.details[0]?.path).toEqual(['query', 'commune']);
    const missing = await call<{ error: { details: { message: string }[] } }>(
      app,
      'GET',
      `/api/v1/plan-versions/${f.draftId}/appendix.xlsx?commune=00000`,
      { as: f.planner },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]?.message).toContain('00000');
    const paper = await call<{ error: { details: { path: string[] }[] } }>(
      app,
      'GET',
      `/api/v1/plan-versions/${f.draftId}/map.pdf?paper=A5`,
      { as: f.planner },
    );
    expect(paper.status).toBe(400);
    expect(paper.body.error.details[0]?.path).toEqual(['query', 'paper']);
  });
});
