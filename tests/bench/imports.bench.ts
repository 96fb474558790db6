/**
 * Import of 100 000 CSV rows (poles, lng/lat): our whole path — upload, streamed parse, staging,
 * validation with the contracts, duplicate matching, one-transaction commit with an audit row per
 * pole — against the peer, `ogr2ogr` loading the same file into PostGIS (COPY, no validation, no
 * audit). The PostGIS figures and the ratio need DATABASE_URL (and gdal-bin); PGlite's figure is
 * printed always.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrate, openDatabase } from '@hatang/db';
import { bench, describe } from 'vitest';
import { importsTestApp, upload } from '../integration/imports-app.js';
import { createOrganisation } from '../support/fixtures.js';
import { sessionFor } from '../support/sessions.js';

const ROWS = 100_000;

function csvFile(owner: string): string {
  const lines = [
    'code,ownerOrgId,status,material,owner_sector,height_m,attachments_used,attachments_max,lng,lat',
  ];
  for (let i = 0; i < ROWS; i++) {
    const lng = (106.3 + (i % 1000) * 0.0008).toFixed(6);
    const lat = (20.6 + Math.floor(i / 1000) * 0.0008).toFixed(6);
    lines.push(`BENCH-${i},${owner},existing,concrete,telecom,8.5,1,4,${lng},${lat}`);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'hatang-bench-')), 'poles.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function ours(db: Database, label: string): Promise<number> {
  await migrate(db);
  const app = importsTestApp(db, { maxUploadBytes: 100 * 1024 * 1024 });
  const planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  const owner = await createOrganisation(db);
  const file = csvFile(owner);
  const content = new Uint8Array(readFileSync(file));
  const start = performance.now();
  const { body } = await upload(app, planner, { name: 'poles.csv', content }, 'poles');
  const parsed = performance.now();
  const response = await app.request(`/api/v1/imports/${body.id}/commit`, {
    method: 'POST',
    headers: planner.headers,
  });
  const end = performance.now();
  if (response.status !== 200 || body.rowsInvalid !== 0)
    throw new Error(`bench import failed: ${await response.text()}`);
  console.log(
    `${label}: ${ROWS} rows imported in ${((end - start) / 1000).toFixed(1)} s (parse+stage+validate ${((parsed - start) / 1000).toFixed(1)} s, commit ${((end - parsed) / 1000).toFixed(1)} s)`,
  );
  return end - start;
}

function ogr2ogr(databaseUrl: string, file: string): number {
  const url = new URL(databaseUrl);
  const pg = `PG:dbname=${url.pathname.slice(1)} host=${url.searchParams.get('host') ?? url.hostname}`;
  const start = performance.now();
  execFileSync('ogr2ogr', [
    '-f',
    'PostgreSQL',
    pg,
    file,
    '-oo',
    'X_POSSIBLE_NAMES=lng',
    '-oo',
    'Y_POSSIBLE_NAMES=lat',
    '-a_srs',
    'EPSG:4326',
    '-nln',
    'bench_ogr_poles',
    '-overwrite',
    '-lco',
    'GEOMETRY_NAME=geom',
  ]);
  return performance.now() - start;
}

describe('import 100k CSV rows', async () => {
  const pglite = await openDatabase({});
  const pgliteMs = await ours(pglite, 'PGlite, ours');
  await pglite.close();
  const url = process.env.DATABASE_URL;
  if (url) {
    const postgis = await openDatabase({ databaseUrl: url });
    const oursMs = await ours(postgis, 'PostGIS, ours');
    const peerMs = ogr2ogr(url, csvFile(crypto.randomUUID()));
    await postgis.exec('DROP TABLE IF EXISTS bench_ogr_poles');
    await postgis.close();
    console.log(
      `PostGIS: ours ${(oursMs / 1000).toFixed(1)} s, ogr2ogr ${(peerMs / 1000).toFixed(1)} s, ratio ours/ogr2ogr ${(oursMs / peerMs).toFixed(1)}× (PGlite ours ${(pgliteMs / 1000).toFixed(1)} s)`,
    );
  } else {
    console.log(
      `PGlite ours ${(pgliteMs / 1000).toFixed(1)} s; set DATABASE_URL for the ogr2ogr/PostGIS comparison`,
    );
  }
  bench('figures printed above', () => {}, { iterations: 1 });
});
