import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_IMPORT_MAX_AGE_MS,
  removeStaleImports,
  startImportCleanup,
} from '../../apps/api/src/features/imports/import-cleanup.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportsApp, importsTestApp, upload } from './imports-app.js';

let app: ImportsApp;
let planner: Session;
let owner: string;
let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
  app = importsTestApp(db);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  owner = await createOrganisation(db);
});

/** An import of `rows` manholes with one bad row (so it has staged rows and issues), left ready. */
async function readyImport(rows: number): Promise<string> {
  const t = crypto.randomUUID().slice(0, 8);
  const features = Array.from({ length: rows }, (_, i) =>
    sampleFeature('manholes', owner, `stale-${t}-${i}`, farAway(9600 + i)),
  );
  const bad = sampleFeature('manholes', owner, `stale-${t}-bad`, farAway(9650));
  features.push({ ...bad, properties: { ...bad.properties, depthM: -1 } });
  const { body } = await upload(
    app,
    planner,
    { name: 'm.geojson', content: JSON.stringify({ type: 'FeatureCollection', features }) },
    'manholes',
  );
  expect(body.status).toBe('ready');
  return body.id;
}

/** Makes the job look last touched `hours` ago. */
async function age(id: string, hours: number): Promise<void> {
  await db.query(
    `UPDATE import_jobs SET updated_at = now() - make_interval(hours => $2::int) WHERE id = $1`,
    [id, hours],
  );
}

async function staged(id: string) {
  const [row] = await db.query<{ jobs: number; rows: number; issues: number }>(
    `SELECT (SELECT count(*)::int FROM import_jobs WHERE id = $1) AS jobs,
            (SELECT count(*)::int FROM import_rows WHERE import_id = $1) AS rows,
            (SELECT count(*)::int FROM import_issues WHERE import_id = $1) AS issues`,
    [id],
  );
  return row;
}

describe('stale import jobs', () => {
  it('removes uncommitted imports untouched for longer than the age, with their staged rows and report', async () => {
    const stale = await readyImport(3);
    const fresh = await readyImport(2);
    const committed = await readyImport(1);
    await app.request(`/api/v1/imports/${committed}`, {
      method: 'PATCH',
      headers: { ...planner.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ validRowsOnly: true }),
    });
    const commit = await app.request(`/api/v1/imports/${committed}/commit`, {
      method: 'POST',
      headers: planner.headers,
    });
    expect(commit.status).toBe(200);
    expect(await staged(stale)).toEqual({ jobs: 1, rows: 4, issues: 1 });
    await age(stale, 25);
    await age(fresh, 23);
    await age(committed, 48);

    expect(await removeStaleImports(db, DEFAULT_IMPORT_MAX_AGE_MS)).toBeGreaterThanOrEqual(1);
    expect(await staged(stale)).toEqual({ jobs: 0, rows: 0, issues: 0 });
    expect(await staged(fresh)).toEqual({ jobs: 1, rows: 3, issues: 1 });
    expect((await staged(committed))?.jobs).toBe(1);
    const gone = await app.request(`/api/v1/imports/${stale}`, { headers: planner.headers });
    expect(gone.status).toBe(404);
  });

  it('takes the age from its options', async () => {
    const id = await readyImport(1);
    await age(id, 3);
    await removeStaleImports(db, 4 * 60 * 60 * 1000);
    expect((await staged(id))?.jobs).toBe(1);
    await removeStaleImports(db, 2 * 60 * 60 * 1000);
    expect((await staged(id))?.jobs).toBe(0);
  });

  it('cleans at start and then periodically until stopped', async () => {
    const first = await readyImport(1);
    await age(first, 30);
    const removed: number[] = [];
    const cleanup = startImportCleanup(db, { intervalMs: 50, onRemoved: (n) => removed.push(n) });
    try {
      expect(await cleanup.firstPass).toBeGreaterThanOrEqual(1);
      expect((await staged(first))?.jobs).toBe(0);

      const later = await readyImport(1);
      await age(later, 30);
      await expect.poll(async () => (await staged(later))?.jobs, { timeout: 10_000 }).toBe(0);
      expect(removed.length).toBeGreaterThanOrEqual(2);
    } finally {
      cleanup.stop();
    }
    const passes = removed.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(removed.length).toBe(passes);
  });
});
