/**
 * Hostile uploads (issue #15): each is refused within its limit with a status and code naming
 * the limit, `/api/health` keeps answering, nothing is written (no staged rows, no assets, no
 * cells, no attachments) and no temporary file is left in the spool folder. Limits are set small
 * so each case is quick.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { parsing } from '../../apps/api/src/features/imports/import-jobs.js';
import { ParsePool } from '../../apps/api/src/jobs/parse-pool.js';
import { defaultUploadLimits, type UploadLimits } from '../../apps/api/src/jobs/upload-limits.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import {
  backtrackingKmz,
  bigCsv,
  endlessMultipart,
  hugeGeoTiff,
  hugeWktCsv,
  malformedMultipart,
  zipBomb,
} from '../support/hostile-files.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { fileRequest, insertTower, towerRequest } from './colocation-support.js';
import { upload, waitForImport } from './imports-app.js';
import { drawingForm, send, towerApplication } from './permits-support.js';
import { send as sendAs, violationBody } from './violations-support.js';

type ErrorBody = { error: { code: string; message: string; details?: unknown; requestId: string } };

const KiB = 1024;
const MiB = 1024 * KiB;
/** A ReadableStream fills its queue (one 64 KiB chunk) as soon as it exists, before anyone reads. */
const QUEUED_BY_THE_STREAM = 64 * KiB;
let db: Awaited<ReturnType<typeof testDatabase>>;
let spoolDir: string;
let limits: UploadLimits;
let pool: ParsePool;
let slowPool: ParsePool;
let budgetPool: ParsePool;
let app: App;
/** The same API with a parse time budget of 2 s. */
let budgetApp: App;
/** The same API with a parse time budget of 25 ms (and room for a large file). */
let slowApp: App;
let planner: Session;
let operator: Session;
let otherOperator: Session;
let draftId: string;
let inspector: Session;
let violationId: string;
let colocationRequestId: string;
let smallHeapPool: ParsePool;
let smallHeapApp: App;

beforeAll(async () => {
  db = await testDatabase();
  spoolDir = mkdtempSync(join(tmpdir(), 'hatang-hostile-'));
  limits = {
    ...defaultUploadLimits(spoolDir),
    maxUploadBytes: 2 * MiB,
    maxAttachmentBytes: 256 * KiB,
    maxInflatedBytes: 1 * MiB,
    maxFeatures: 1000,
    maxCellChars: 10_000,
    maxRasterCells: 1_000_000,
    workerHeapMb: 256,
    poolSize: 1,
    queueSize: 2,
  };
  pool = new ParsePool(limits);
  slowPool = new ParsePool({ ...limits, maxUploadBytes: 32 * MiB, maxFeatures: 1_000_000, timeBudgetMs: 25 });
  const common = { db, auth: { scryptN: TEST_SCRYPT_N }, maxBodyBytes: 64 * KiB };
  app = createApp({ ...common, uploads: pool });
  slowApp = createApp({ ...common, uploads: slowPool });
  budgetPool = new ParsePool({ ...limits, timeBudgetMs: 2000 });
  budgetApp = createApp({ ...common, uploads: budgetPool });
  smallHeapPool = new ParsePool({
    ...limits,
    maxUploadBytes: 32 * MiB,
    maxFeatures: 1_000_000,
    workerHeapMb: 48,
  });
  smallHeapApp = createApp({ ...common, uploads: smallHeapPool });
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  const centre = farAway(8300);
  await createUnitWithCells(db, centre, 'Phường Thử Tải');
  operator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  otherOperator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  const draft = await send(app, operator.headers, '/api/v1/permit-applications', {
    method: 'POST',
    json: towerApplication(centre, {}, { title: 'Hồ sơ thử tải' }),
  });
  draftId = draft.id;
  const ward = farAway(8400);
  const commune = await createOrganisation(db, 'commune');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [
    commune,
    await createUnitWithCells(db, ward, 'Phường Thử Ảnh'),
  ]);
  inspector = await sessionFor(app, db, commune, ['inspector']);
  const violation = await sendAs<{ id: string }>(
    app,
    inspector,
    'POST',
    '/api/v1/violations',
    violationBody(ward),
  );
  violationId = violation.id;
  const tower = await insertTower(db, await createOrganisation(db, 'operator'), farAway(8500));
  colocationRequestId = (await fileRequest(app, operator, towerRequest(tower))).id;
});

afterAll(async () => {
  await Promise.all([pool.close(), slowPool.close(), budgetPool.close(), smallHeapPool.close()]);
  rmSync(spoolDir, { recursive: true, force: true });
});

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;
const healthy = async (on: App = app) => (await on.request('/api/health')).status;
const spoolFiles = () => readdirSync(spoolDir);

/** A streamed request (no Content-Length, like a chunked upload). */
function streamed(path: string, body: ReadableStream<Uint8Array>, contentType: string, as?: Session) {
  const init = {
    method: 'POST',
    headers: { ...as?.headers, 'content-type': contentType },
    body,
    duplex: 'half',
  };
  return new Request(`http://localhost${path}`, init as RequestInit);
}

async function failedImport(on: App, file: { name: string; content: string | Uint8Array }) {
  const { status, body } = await upload(on, planner, file, 'manholes', 'EPSG:4326');
  expect(status).toBe(202);
  await parsing(body.id);
  const staged = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1',
    [body.id],
  );
  expect(staged[0]?.n).toBe(0);
  expect(spoolFiles()).toEqual([]);
  return body;
}

describe('hostile import files', () => {
  it('fails a zip that would inflate past maxInflatedBytes, naming the limit; nothing staged', async () => {
    const bomb = zipBomb(16 * MiB);
    expect(bomb.length).toBeLessThan(limits.maxUploadBytes);
    const manholes = await count('manholes');
    const job = await failedImport(app, { name: 'bomb.zip', content: bomb });
    expect(job).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(job.error.message).toContain(`maxInflatedBytes = ${1 * MiB}`);
    expect(await count('manholes')).toBe(manholes);
    expect(await healthy()).toBe(200);
  });

  it('fails a file with more features than maxFeatures before staging any', async () => {
    const job = await failedImport(app, { name: 'many.csv', content: bigCsv(1500) });
    expect(job).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(job.error.message).toContain('maxFeatures = 1000');
  });

  it('fails a CSV with a 1 MB WKT cell at maxCellChars, before parsing the geometry', async () => {
    const csv = hugeWktCsv(130_000);
    expect(csv.length).toBeGreaterThan(1_000_000);
    const job = await failedImport(app, { name: 'wkt.csv', content: csv });
    expect(job).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(job.error.message).toContain('maxCellChars = 10000');
    expect(await healthy()).toBe(200);
  });

  it('stops a parse that runs past its time budget by ending its worker; health answers meanwhile', async () => {
    const form = new FormData();
    form.set('file', new File([bigCsv(300_000)], 'slow.csv'));
    form.set('resource', 'manholes');
    const response = await slowApp.request('/api/v1/imports', {
      method: 'POST',
      headers: planner.headers,
      body: form,
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(await healthy(slowApp)).toBe(200);
    const job = await waitForImport(slowApp, planner, id);
    await parsing(id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(job.error.message).toContain('timeBudgetMs = 25');
    const staged = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1',
      [id],
    );
    expect(staged[0]?.n).toBe(0);
    expect(spoolFiles()).toEqual([]);
    expect(await healthy(slowApp)).toBe(200);
  });

  it('fails a file whose reading outgrows the worker heap cap, naming the limit; the server lives on', async () => {
    // 150k points in one GeoJSON document (~20 MB): parsing it needs several times that in heap,
    // far past the 48 MB cap, while every other limit of this pool would let it through.
    const features = Array.from({ length: 150_000 }, (_, i) => ({
      type: 'Feature',
      properties: { code: `MH-${i}`, note: 'x'.repeat(40) },
      geometry: { type: 'Point', coordinates: [106.6 + (i % 500) * 1e-4, 20.8 + Math.floor(i / 500) * 1e-4] },
    }));
    const content = JSON.stringify({ type: 'FeatureCollection', features });
    const job = await failedImport(smallHeapApp, { name: 'huge.geojson', content });
    expect(job).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(job.error.message).toContain('memoryMb = 48');
    expect(await healthy(smallHeapApp)).toBe(200);
    // The pool replaces the worker it lost: the next file is read.
    const { status, body } = await upload(
      smallHeapApp,
      planner,
      {
        name: 'one.geojson',
        content: JSON.stringify({ type: 'FeatureCollection', features: features.slice(0, 1) }),
      },
      'manholes',
      'EPSG:4326',
    );
    expect(status).toBe(202);
    expect((await waitForImport(smallHeapApp, planner, body.id)).status).toBe('ready');
  });

  it('refuses a KMZ that made the old link-following regex backtrack for hours, by its nesting, at once', async () => {
    const job = await failedImport(budgetApp, { name: 'evil.kmz', content: backtrackingKmz(6000) });
    // The linear KML scan meets thousands of unclosed NetworkLinks as nesting past maxDepth, long
    // before the worker's time budget (which stops whatever a reader still gets wrong).
    expect(job).toMatchObject({ status: 'failed', error: { code: 'LIMIT_EXCEEDED' } });
    expect(job.error.message).toContain('(maxDepth)');
    expect(await healthy(budgetApp)).toBe(200);
  });

  it('refuses a GeoTIFF whose header declares more cells than maxRasterCells with 422, before reading pixels', async () => {
    const cells = await count('population_cells');
    const form = new FormData();
    form.set('file', new File([hugeGeoTiff(60_000, 60_000).slice().buffer as ArrayBuffer], 'huge.tif'));
    const response = await app.request('/api/v1/imports/population', {
      method: 'POST',
      headers: planner.headers,
      body: form,
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('LIMIT_EXCEEDED');
    expect(body.error.message).toContain('maxRasterCells = 1000000');
    expect(await count('population_cells')).toBe(cells);
    expect(spoolFiles()).toEqual([]);
    expect(await healthy()).toBe(200);
  });

  it('refuses a chunked import upload past maxUploadBytes with 413 without reading the rest', async () => {
    const body = endlessMultipart(64 * MiB);
    const response = await app.request(streamed('/api/v1/imports', body.stream, body.contentType, planner));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.message).toContain(`maxUploadBytes = ${2 * MiB}`);
    expect(body.pulled()).toBeLessThan(limits.maxUploadBytes + 256 * KiB);
    expect(spoolFiles()).toEqual([]);
  });

  it('answers 503 with Retry-After when every parse worker and queue place is taken, before reading the body', async () => {
    const taken = [0, 1, 2].map(() => pool.reserve());
    const body = endlessMultipart(64 * MiB);
    const response = await app.request(streamed('/api/v1/imports', body.stream, body.contentType, planner));
    for (const slot of taken) slot.release();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await response.json()) as ErrorBody).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.pulled()).toBeLessThanOrEqual(QUEUED_BY_THE_STREAM);
  });
});

describe('hostile attachments', () => {
  const attachmentsPath = () => `/api/v1/permit-applications/${draftId}/attachments`;

  it('refuses a chunked attachment past maxAttachmentBytes with 413 before it is all read', async () => {
    const before = await count('attachments');
    const body = endlessMultipart(300 * MiB);
    const response = await app.request(streamed(attachmentsPath(), body.stream, body.contentType, operator));
    expect(response.status).toBe(413);
    const error = ((await response.json()) as ErrorBody).error;
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(`maxAttachmentBytes = ${256 * KiB}`);
    expect(body.pulled()).toBeLessThan(limits.maxAttachmentBytes + 256 * KiB);
    expect(await count('attachments')).toBe(before);
    expect(spoolFiles()).toEqual([]);
    expect(await healthy()).toBe(200);
  });

  it('checks access before reading a byte of the body', async () => {
    for (const as of [otherOperator, undefined]) {
      const body = endlessMultipart(300 * MiB);
      const response = await app.request(streamed(attachmentsPath(), body.stream, body.contentType, as));
      expect([401, 403, 404]).toContain(response.status);
      expect(body.pulled()).toBeLessThanOrEqual(QUEUED_BY_THE_STREAM);
    }
    expect(spoolFiles()).toEqual([]);
  });

  it('removes the spooled part of an upload whose client goes away, writing nothing', async () => {
    const before = await count('attachments');
    const body = endlessMultipart(300 * MiB, 16 * KiB, { breakAfter: 128 * KiB });
    const response = await app.request(streamed(attachmentsPath(), body.stream, body.contentType, operator));
    expect(response.status).toBe(400);
    expect(await count('attachments')).toBe(before);
    expect(spoolFiles()).toEqual([]);
    expect(await healthy()).toBe(200);
  });

  it('checks access to a violation before reading the body of its photo', async () => {
    const body = endlessMultipart(300 * MiB);
    const response = await app.request(
      streamed(`/api/v1/violations/${violationId}/attachments`, body.stream, body.contentType, operator),
    );
    expect([403, 404]).toContain(response.status);
    expect(body.pulled()).toBeLessThanOrEqual(QUEUED_BY_THE_STREAM);
  });

  it('still takes a good drawing from the applicant', async () => {
    const response = await app.request(attachmentsPath(), {
      method: 'POST',
      headers: operator.headers,
      body: drawingForm(),
    });
    expect(response.status).toBe(201);
    expect(spoolFiles()).toEqual([]);
  });
});

describe('malformed multipart bodies', () => {
  for (const bad of malformedMultipart) {
    it(`answers 400 (not 500) for ${bad.name} on every upload route, writing nothing`, async () => {
      const before = { attachments: await count('attachments'), jobs: await count('import_jobs') };
      for (const [path, as] of [
        ['/api/v1/imports', planner],
        ['/api/v1/imports/population', planner],
        [`/api/v1/permit-applications/${draftId}/attachments`, operator],
        [`/api/v1/violations/${violationId}/attachments`, inspector],
        [`/api/v1/colocation-requests/${colocationRequestId}/attachments`, operator],
      ] as const) {
        const response = await app.request(path, {
          method: 'POST',
          headers: { ...as.headers, 'content-type': bad.contentType },
          body: bad.body,
        });
        expect(response.status, path).toBe(400);
        const body = (await response.json()) as ErrorBody;
        expect(body.error.code).toBe('VALIDATION_FAILED');
        expect(body.error.requestId).toBeTruthy();
      }
      expect({ attachments: await count('attachments'), jobs: await count('import_jobs') }).toEqual(before);
      expect(spoolFiles()).toEqual([]);
    });
  }
});

describe('the JSON body limit', () => {
  it('holds for a chunked body without Content-Length', async () => {
    const body = endlessMultipart(64 * MiB);
    const response = await app.request(
      streamed('/api/v1/permit-applications', body.stream, 'application/json', operator),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
    // Hono's bodyLimit counts what it reads and stops one chunk past the limit.
    expect(body.pulled()).toBeLessThanOrEqual(64 * KiB + QUEUED_BY_THE_STREAM + 64 * KiB);
  });
});
