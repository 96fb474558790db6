/**
 * Files that cannot be imported get a clear error naming the problem, and nothing is written:
 * no staged rows and no assets.
 */
import { unzip, writeShapefileZip, zip } from '@hatang/geo/formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportsApp, importsTestApp, upload } from './imports-app.js';

let app: ImportsApp;
let planner: Session;
let owner: string;
let db: Awaited<ReturnType<typeof testDatabase>>;
const LIMIT = 256 * 1024;

beforeAll(async () => {
  db = await testDatabase();
  app = importsTestApp(db, { maxUploadBytes: LIMIT });
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  owner = await createOrganisation(db);
});

async function nothingWritten(importId: string | undefined) {
  const assets = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM manholes WHERE owner_org_id = $1',
    [owner],
  );
  expect(assets[0]?.n).toBe(0);
  if (importId) {
    const staged = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1',
      [importId],
    );
    expect(staged[0]?.n).toBe(0);
  }
}

/** A zipped Shapefile of two manholes in VN-2000 (EPSG:9210) metres. */
function manholeShapefile(): Uint8Array {
  const features = [0, 1].map((i) => ({
    geometry: { type: 'Point', coordinates: [595_000 + i * 10, 2_300_000] },
    properties: {
      code: `shp-${i}`,
      owner_org_id: owner,
      status: 'existing',
      manhole_ty: 'manhole',
      covers: 1,
      depth_m: 1.5,
    },
  }));
  return writeShapefileZip('manholes', features, 'PROJCS["VN-2000 / TM-3 105-45"]', 'Point');
}

describe('bad files', () => {
  it('says a truncated zip is damaged', async () => {
    const bytes = manholeShapefile();
    const { body } = await upload(
      app,
      planner,
      { name: 'manholes.zip', content: bytes.slice(0, Math.floor(bytes.length / 2)) },
      'manholes',
    );
    expect(body).toMatchObject({ status: 'failed', error: { code: 'DAMAGED_FILE' } });
    expect(body.error.message).toMatch(/truncated or damaged/);
    await nothingWritten(body.id);
  });

  it('asks for the CRS of a Shapefile without .prj, and imports it once given', async () => {
    const entries = unzip(manholeShapefile(), 'zip');
    delete entries['manholes.prj'];
    const { body } = await upload(app, planner, { name: 'manholes.zip', content: zip(entries) }, 'manholes');
    expect(body).toMatchObject({ status: 'failed', error: { code: 'CRS_REQUIRED' } });
    expect(body.error.message).toMatch(/no \.prj.*crs=EPSG:9210/);
    await nothingWritten(body.id);

    const given = await upload(
      app,
      planner,
      { name: 'manholes.zip', content: zip(entries) },
      'manholes',
      'EPSG:9210',
    );
    expect(given.body).toMatchObject({ status: 'ready', rowsInvalid: 0, crs: 'EPSG:9210' });
    const [lng, lat] = (given.body.preview[0]?.geometry.coordinates ?? []) as number[];
    expect(lng).toBeCloseTo(106.66, 1);
    expect(lat).toBeCloseTo(20.79, 1);
  });

  it('points at the line of a CSV with a broken quote', async () => {
    const csv = [
      'code,ownerOrgId,lng,lat',
      `ok-1,${owner},106.6,20.8`,
      `"broken,${owner},106.6,20.8`,
      `ok-2,${owner},106.6,20.8`,
    ].join('\n');
    const { body } = await upload(app, planner, { name: 'manholes.csv', content: csv }, 'manholes');
    expect(body).toMatchObject({ status: 'failed', error: { code: 'DAMAGED_FILE' } });
    expect(body.error.message).toMatch(/line \d+.*quote/i);
    await nothingWritten(body.id);
  });

  it('reports a KML ring of 3 points on its row and commits nothing', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>ring</name>
<ExtendedData><Data name="code"><value>kml-1</value></Data></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>106.6,20.8 106.61,20.8 106.6,20.8</coordinates></LinearRing></outerBoundaryIs></Polygon>
</Placemark></Document></kml>`;
    const { body } = await upload(app, planner, { name: 'field.kml', content: kml }, 'manholes');
    expect(body.status).toBe('ready');
    expect(body.issues).toContainEqual({
      row: 1,
      field: 'geometry',
      message: 'polygon ring has 3 positions: a ring needs at least 4 (a closed triangle)',
    });
    const commit = await app.request(`/api/v1/imports/${body.id}/commit`, {
      method: 'POST',
      headers: planner.headers,
    });
    expect(commit.status).toBe(400);
    await nothingWritten(undefined);
  });

  it('rejects an upload over the size limit before reading it all', async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64 * LIMIT) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await app.request('/api/v1/imports', {
      method: 'POST',
      headers: { ...planner.headers, 'content-type': 'multipart/form-data; boundary=x' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than the import limit/,
    );
    expect(sent).toBeLessThan(8 * LIMIT);
    await nothingWritten(undefined);
  });

  it('refuses a file it cannot identify', async () => {
    const { status, body } = await upload(app, planner, { name: 'plan.dwg', content: 'AC1027' }, 'manholes');
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/Cannot tell the format of "plan.dwg"/);
  });
});
