/**
 * GDAL as a real client of the file formats: ogr2ogr writes a Shapefile in VN-2000 (EPSG:9210)
 * and a KML from a GeoJSON fixture, which we import; ogrinfo reads what we export. Part of the
 * server suite (tests/postgis: DATABASE_URL and gdal-bin, as in CI).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zip } from '@hatang/geo/formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ImportsApp, type ImportView, importsTestApp, upload } from '../integration/imports-app.js';
import { createOrganisation } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/imports/manholes.geojson');
type Fixture = {
  features: {
    properties: { code: string; depth_m: number; ghi_chu: string };
    geometry: { coordinates: [number, number] };
  }[];
};
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;

let app: ImportsApp;
let planner: Session;
let dir: string;
let db: Awaited<ReturnType<typeof testDatabase>>;

const gdal = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  try {
    gdal('ogrinfo', ['--version']);
  } catch {
    throw new Error('ogrinfo not found: install gdal-bin (apt-get install -y gdal-bin) to run tests/postgis');
  }
  db = await testDatabase();
  app = importsTestApp(db);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  dir = mkdtempSync(join(tmpdir(), 'hatang-gdal-'));
});

async function importAndCommit(name: string, content: Uint8Array | string, crs?: string) {
  const owner = await createOrganisation(db);
  const { body } = await upload(app, planner, { name, content }, 'manholes', crs);
  expect(body.error).toBeNull();
  const patch = await app.request(`/api/v1/imports/${body.id}`, {
    method: 'PATCH',
    headers: { ...planner.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ mapping: { ...body.mapping, ownerOrgId: { value: owner } } }),
  });
  const view = (await patch.json()) as ImportView;
  expect(view.issues).toEqual([]);
  await app.request(`/api/v1/imports/${body.id}/commit`, { method: 'POST', headers: planner.headers });
  const rows = await db.query<{ code: string; depth_m: number; lng: number; lat: number }>(
    'SELECT code, depth_m, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM manholes WHERE owner_org_id = $1 ORDER BY code',
    [owner],
  );
  return { view: body, rows, owner };
}

describe('files written by GDAL', () => {
  it('imports an ogr2ogr Shapefile in EPSG:9210, recognising its .prj', async () => {
    const out = join(dir, 'shp');
    gdal('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-t_srs',
      'EPSG:9210',
      '-lco',
      'ENCODING=UTF-8',
      out,
      FIXTURE,
      '-nln',
      'manholes',
    ]);
    const files = Object.fromEntries(
      readdirSync(out).map((f) => [f, new Uint8Array(readFileSync(join(out, f)))]),
    );
    const { view, rows } = await importAndCommit('manholes.zip', zip(files));
    expect(view.detectedCrs).toBe('EPSG:9210');
    expect(rows.map((r) => r.code)).toEqual(fixture.features.map((f) => f.properties.code));
    rows.forEach((row, i) => {
      const [lng, lat] = fixture.features[i]?.geometry.coordinates ?? [0, 0];
      // GDAL and our proj4 definition apply the same national 7-parameter shift: well under 1 m apart.
      expect(Math.abs(row.lng - lng)).toBeLessThan(5e-6);
      expect(Math.abs(row.lat - lat)).toBeLessThan(5e-6);
      expect(row.depth_m).toBeCloseTo(fixture.features[i]?.properties.depth_m ?? 0, 6);
    });
  });

  it('imports an ogr2ogr KML with its attributes', async () => {
    const out = join(dir, 'manholes.kml');
    gdal('ogr2ogr', ['-f', 'KML', out, FIXTURE]);
    const { rows } = await importAndCommit('manholes.kml', readFileSync(out, 'utf8'));
    expect(rows.map((r) => [r.code, r.depth_m])).toEqual(
      fixture.features.map((f) => [f.properties.code, f.properties.depth_m]),
    );
    rows.forEach((row, i) => {
      expect(row.lng).toBeCloseTo(fixture.features[i]?.geometry.coordinates[0] ?? 0, 6);
    });
  });
});

describe('KMZ and GeoPackage written by GDAL', () => {
  /** Each fixture row as the database should hold it: code, depth (m), [lng, lat]. */
  const expected = fixture.features.map((f) => ({
    code: f.properties.code,
    depthM: f.properties.depth_m,
    at: f.geometry.coordinates,
  }));

  it('imports a LIBKML KMZ (doc.kml zipped, attributes as SchemaData) with every feature and attribute', async () => {
    const out = join(dir, 'manholes.kmz');
    gdal('ogr2ogr', ['-f', 'LIBKML', out, FIXTURE, '-nln', 'manholes']);
    const { view, rows } = await importAndCommit('manholes.kmz', new Uint8Array(readFileSync(out)));
    expect(view).toMatchObject({ format: 'kmz', rowsParsed: expected.length, crs: 'EPSG:4326' });
    expect(view.fields).toEqual(expect.arrayContaining(['code', 'depth_m', 'ghi_chu']));
    expect(rows.map((r) => [r.code, r.depth_m])).toEqual(expected.map((e) => [e.code, e.depthM]));
    rows.forEach((row, i) => {
      expect(row.lng).toBeCloseTo(expected[i]?.at[0] ?? 0, 6);
      expect(row.lat).toBeCloseTo(expected[i]?.at[1] ?? 0, 6);
    });
  });

  it('imports an ogr2ogr GeoPackage in EPSG:9210, reading its CRS from gpkg_spatial_ref_sys', async () => {
    const out = join(dir, 'manholes-9210.gpkg');
    gdal('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:9210', out, FIXTURE, '-nln', 'manholes']);
    const { view, rows } = await importAndCommit('manholes.gpkg', new Uint8Array(readFileSync(out)));
    expect(view).toMatchObject({ format: 'gpkg', rowsParsed: expected.length, detectedCrs: 'EPSG:9210' });
    expect(rows.map((r) => [r.code, r.depth_m])).toEqual(expected.map((e) => [e.code, e.depthM]));
    rows.forEach((row, i) => {
      // GDAL and our proj4 definition apply the same national 7-parameter shift: well under 1 m apart.
      expect(Math.abs(row.lng - (expected[i]?.at[0] ?? 0))).toBeLessThan(5e-6);
      expect(Math.abs(row.lat - (expected[i]?.at[1] ?? 0))).toBeLessThan(5e-6);
    });
  });

  it('imports an ogr2ogr GeoPackage in WGS 84 with its text attributes intact (Vietnamese)', async () => {
    const out = join(dir, 'manholes-4326.gpkg');
    gdal('ogr2ogr', ['-f', 'GPKG', out, FIXTURE, '-nln', 'manholes']);
    const { view, rows } = await importAndCommit('manholes.gpkg', new Uint8Array(readFileSync(out)));
    expect(view).toMatchObject({ format: 'gpkg', detectedCrs: 'EPSG:4326' });
    expect(view.preview.map((p) => p.source.ghi_chu)).toEqual(
      fixture.features.map((f) => f.properties.ghi_chu),
    );
    expect(rows.map((r) => r.code)).toEqual(expected.map((e) => e.code));
    rows.forEach((row, i) => {
      expect(row.lng).toBeCloseTo(expected[i]?.at[0] ?? 0, 7);
    });
  });
});

describe('ogrinfo reads our exports', () => {
  let owner: string;
  beforeAll(async () => {
    ({ owner } = await importAndCommit('manholes.geojson', readFileSync(FIXTURE, 'utf8')));
  });

  it.each([
    ['shapefile', 'EPSG:9210', 'zip', '/vsizip/'],
    ['gpkg', 'EPSG:9210', 'gpkg', ''],
    ['gpkg', 'EPSG:4326', 'gpkg', ''],
    ['kml', 'EPSG:4326', 'kml', ''],
    ['geojson', 'EPSG:9210', 'geojson', ''],
    ['csv', 'EPSG:4326', 'csv', ''],
  ])('%s in %s', async (format, crs, extension, prefix) => {
    const response = await app.request(
      `/api/v1/exports/manholes?format=${format}&crs=${crs}&ownerOrgId=${owner}`,
      { headers: planner.headers },
    );
    expect(response.status).toBe(200);
    const file = join(dir, `export-${format}-${crs.replace(':', '')}.${extension}`);
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    const info = gdal('ogrinfo', ['-al', '-so', `${prefix}${file}`]);
    expect(info).toMatch(/Feature Count: 3/);
    if (format !== 'csv' && format !== 'kml') {
      if (crs === 'EPSG:9210') expect(info).toMatch(/105\.75/);
      else expect(info).toMatch(/WGS 84/);
    }
    const full = gdal('ogrinfo', ['-al', `${prefix}${file}`]);
    expect(full).toContain('GDAL-MH-2');
  });
});
