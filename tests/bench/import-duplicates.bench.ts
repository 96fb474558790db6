/**
 * Importing rows that all duplicate existing poles (same owner, same place, new codes): the
 * duplicate matching must be linear in rows, and the API must stay responsive while the commit
 * runs. For 10k and 100k rows: the commit's time (100k should cost ~10× 10k), and /api/health's
 * latency probed every 25 ms during the commit, against the peer — the same probe on the idle app
 * in the same run. PGlite always; PostGIS too with DATABASE_URL.
 */
import { type Database, migrate, openDatabase } from '@hatang/db';
import { bench, describe } from 'vitest';
import { importsTestApp, upload } from '../integration/imports-app.js';
import { createOrganisation } from '../support/fixtures.js';
import { sessionFor } from '../support/sessions.js';
import { describeLatency, probeHealth } from './health-probe.js';

const place = (i: number) => [106.3 + (i % 1000) * 0.0008, 20.6 + Math.floor(i / 1000) * 0.0008];

async function seedPoles(db: Database, owner: string, rows: number, prefix: string) {
  let csv = '';
  for (let i = 0; i < rows; i++) {
    const [lng, lat] = place(i);
    csv += `${crypto.randomUUID()},${prefix}-OLD-${i},${owner},existing,concrete,telecom,8.5,1,4,SRID=4326;POINT(${lng} ${lat})\n`;
  }
  await db.copyCsv(
    'poles',
    [
      'id',
      'code',
      'owner_org_id',
      'status',
      'material',
      'owner_sector',
      'height_m',
      'attachments_used',
      'attachments_max',
      'geom',
    ],
    csv,
  );
}

function duplicateCsv(owner: string, rows: number, prefix: string): string {
  const lines = [
    'code,ownerOrgId,status,material,owner_sector,height_m,attachments_used,attachments_max,lng,lat',
  ];
  for (let i = 0; i < rows; i++) {
    const [lng, lat] = place(i);
    lines.push(
      `${prefix}-NEW-${i},${owner},existing,steel,telecom,9,2,4,${lng?.toFixed(6)},${lat?.toFixed(6)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function run(db: Database, label: string) {
  await migrate(db);
  const app = importsTestApp(db, { maxUploadBytes: 100 * 1024 * 1024 });
  const planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  const idle = await probeHealth(
    async () => app.request('/api/health'),
    new Promise((r) => setTimeout(r, 1000)),
  );
  const commitMs: number[] = [];
  for (const rows of [10_000, 100_000]) {
    const owner = await createOrganisation(db);
    const prefix = `D${rows}`;
    await seedPoles(db, owner, rows, prefix);
    const { body } = await upload(
      app,
      planner,
      { name: 'poles.csv', content: duplicateCsv(owner, rows, prefix) },
      'poles',
    );
    if (body.status !== 'ready') throw new Error(`bench upload failed: ${JSON.stringify(body.error)}`);
    const start = performance.now();
    const commit = Promise.resolve(
      app.request(`/api/v1/imports/${body.id}/commit`, { method: 'POST', headers: planner.headers }),
    );
    const during = await probeHealth(async () => app.request('/api/health'), commit);
    const response = await commit;
    const view = (await response.json()) as { result?: { updated: number; skipped: number } };
    commitMs.push(performance.now() - start);
    if (response.status !== 200 || (view.result?.updated ?? 0) + (view.result?.skipped ?? 0) !== rows)
      throw new Error(`bench commit failed: ${response.status} ${JSON.stringify(view)}`);
    console.log(
      `${label}: ${rows} duplicate rows matched and skipped (the default) in ${((performance.now() - start) / 1000).toFixed(1)} s; /api/health during the commit ${describeLatency(during)}`,
    );
  }
  console.log(
    `${label}: commit 100k / 10k = ${((commitMs[1] ?? NaN) / (commitMs[0] ?? NaN)).toFixed(1)}× for 10× the rows (linear: ~10); peer, /api/health on the idle app: ${describeLatency(idle)}`,
  );
}

describe('import rows that all duplicate existing poles', async () => {
  const pglite = await openDatabase({});
  await run(pglite, 'PGlite');
  await pglite.close();
  if (process.env.DATABASE_URL) {
    const postgis = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await run(postgis, 'PostGIS');
    await postgis.close();
  }
  bench('figures printed above', () => {}, { iterations: 1 });
});
