/**
 * HTTP hardening (#15 item 5) through the real app with the web app mounted from a temporary
 * build: no 5xx from odd paths, JSON 404s under the API prefixes, trailing slashes answered like
 * the canonical URL, and security headers on every answer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import type { AppEnv } from '../../apps/api/src/context.js';
import { accessLog, createLogger } from '../../apps/api/src/log/logger.js';
import { onError } from '../../apps/api/src/middleware/error-handler.js';
import { requestIds } from '../../apps/api/src/middleware/request-ids.js';
import { readInside } from '../../apps/api/src/static.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; message: string; requestId: string } };

let app: App;
let db: Database;
let root: string;
const INDEX = '<!doctype html><title>Hatang</title>';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hatang-static-'));
  const webDir = join(root, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), INDEX);
  writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
  // A sibling whose name starts with the web folder's: a bare prefix check would serve it.
  mkdirSync(join(root, 'web-secrets'));
  writeFileSync(join(root, 'web-secrets', 'key.txt'), 'secret');
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'glyphs'), { recursive: true });
  db = await testDatabase();
  app = createApp({ db, static: { webDir, dataDir } });
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

const json = (text: string) => JSON.parse(text) as ErrorBody;

describe('paths the fuzzer found answering 500', () => {
  it.each(['/%ZZ', '/tiles/%ZZ.json', '/api/v1/towers/%E0%A4%A', '/glyphs/%ZZ/0-255.pbf'])(
    'answers %s with a 400 in the error shape',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/json/);
      expect(json(response.text).error.code).toBe('VALIDATION_FAILED');
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])(
    'answers /api/docs/%s with 404, not a file looked up on Object.prototype',
    async (name) => {
      const response = await get(`/api/docs/${name}`);
      expect(response.status).toBe(404);
      expect(json(response.text).error.code).toBe('NOT_FOUND');
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'answers a list filter named %s with 400, not a property found on Object.prototype',
    async (name) => {
      for (const path of [`/api/v1/towers?${name}=x`, `/api/v1/exports/towers?format=csv&${name}=x`]) {
        const response = await get(path);
        expect(response.status).toBe(400);
        expect(json(response.text).error.code).toBe('VALIDATION_FAILED');
      }
    },
  );

  it('still serves the Swagger UI files', async () => {
    const response = await get('/api/docs/swagger-ui.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/css/);
  });

  it.each(['constructor', '__proto__', 'toString'])('answers an OGC crs of %s with 400', async (crs) => {
    const response = await get(`/ogc/collections/towers/items?crs=${crs}`);
    expect(response.status).toBe(400);
  });
});

describe('static files', () => {
  it('serves the web app and its assets', async () => {
    expect((await get('/')).text).toBe(INDEX);
    expect((await get('/assets/app.js')).text).toBe('console.log(1)');
    // A client-side route gets index.html.
    expect((await get('/plans/123')).text).toBe(INDEX);
  });

  it('never reads a sibling folder whose name starts with the root', async () => {
    const web = join(root, 'web');
    expect(await readInside(web, '../web-secrets/key.txt')).toBeUndefined();
    expect(await readInside(web, 'assets/../../web-secrets/key.txt')).toBeUndefined();
    expect((await readInside(web, 'assets/app.js'))?.body.toString()).toBe('console.log(1)');
    const response = await get('/..%2Fweb-secrets%2Fkey.txt');
    expect(response.text).not.toContain('secret');
  });

  it('decodes an escaped file name once', async () => {
    expect((await get('/assets/%61pp.js')).text).toBe('console.log(1)');
    // %2561 decodes to the literal "%61", which is not the file.
    expect((await get('/assets/%2561pp.js')).text).toBe(INDEX);
  });
});

describe('unknown and trailing-slash paths under the API prefixes', () => {
  it.each([
    '/api/x',
    '/api/v1/nothing-here',
    '/ogc/x',
    '/ogc/collections/towers/nothing',
    '/tiles/x',
    '/tiles',
  ])('answers %s with a JSON 404, never the web page', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(json(response.text).error.code).toBe('NOT_FOUND');
    expect(response.text).not.toContain('<title>');
  });

  it.each([
    ['/ogc/', '/ogc'],
    ['/ogc/collections/', '/ogc/collections'],
    ['/ogc/conformance/', '/ogc/conformance'],
    ['/api/health/', '/api/health'],
    ['/api/v1/admin-units/', '/api/v1/admin-units'],
  ])('answers %s like %s', async (slashed, canonical) => {
    const [a, b] = [await get(slashed), await get(canonical)];
    expect(b.status).toBe(200);
    expect(a.status).toBe(b.status);
    expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
    const strip = (text: string) => JSON.parse(text.replaceAll(`${canonical}/`, canonical)) as unknown;
    if (canonical !== '/api/health') expect(strip(a.text)).toEqual(strip(b.text));
  });
});

describe('security headers', () => {
  it.each(['/', '/api/health', '/api/x', '/ogc', '/tiles/x', '/%ZZ'])('are on %s', async (path) => {
    const { headers } = await get(path);
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it("let the map's workers and images come from blob: URLs", async () => {
    const csp = (await get('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('send HSTS only over TLS', async () => {
    const direct = await app.request('https://hatang.example/api/health');
    expect(direct.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    // X-Forwarded-Proto is believed only behind a trusted proxy.
    const claimed = await get('/api/health', { 'x-forwarded-proto': 'https' });
    expect(claimed.headers.get('strict-transport-security')).toBeNull();
    const proxied = createApp({ db: await testDatabase(), auth: { trustProxy: true } });
    const behind = await proxied.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(behind.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});

describe('database errors', () => {
  /** A bare app whose routes run SQL the database refuses, with the API's error handler. */
  /** What the app logged, line by line (pino's JSON). */
  const logged: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
      done();
    },
  });
  function failingApp() {
    const bare = new Hono<AppEnv>();
    bare.use('*', requestIds());
    bare.use('*', accessLog(createLogger('info', sink)));
    bare.onError(onError);
    bare.get('/unknown', async (c) => c.json(await db.query('SELECT secret_column FROM no_such_table_x')));
    bare.get('/check', async (c) =>
      c.json(await db.query("SELECT 'not-a-number'::integer AS secret_value_from_sql")),
    );
    return bare;
  }

  it('answers an unknown database error with a generic 500 and logs it with the request id', async () => {
    const response = await failingApp().request('/unknown');
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(/no_such_table_x|secret_column|relation|SELECT/i);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe('INTERNAL');
    // The log keeps what the client must not see, under the id the client was given.
    const line = logged.find((l) => l.requestId === body.error.requestId && l.msg === 'unhandled error');
    expect(line).toMatchObject({ level: 50, path: '/unknown' });
    expect(JSON.stringify(line)).toMatch(/no_such_table_x/);
  });

  it("keeps the mapped status of an input error but not the driver's text", async () => {
    const response = await failingApp().request('/check');
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toMatch(/not-a-number|secret_value_from_sql|integer|syntax/i);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(
      logged.find((l) => l.requestId === body.error.requestId && l.msg === 'database error'),
    ).toMatchObject({
      level: 40,
      code: '22P02',
    });
  });

  it('answers a duplicate key with 409 and no constraint name or value', async () => {
    const owner = await createOrganisation(db);
    const planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
    const feature = sampleFeature('manholes', owner, `dup-${crypto.randomUUID().slice(0, 8)}`, farAway(800));
    expect((await call(app, 'POST', '/api/v1/manholes', { as: planner, json: feature })).status).toBe(201);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const again = await call<ErrorBody>(app, 'POST', '/api/v1/manholes', { as: planner, json: feature });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
      expect(JSON.stringify(again.body)).not.toMatch(
        /duplicate key|violates|constraint|_key|manholes_|\(code/i,
      );
    } finally {
      warned.mockRestore();
    }
  });
});

describe('request ids', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("always answers the server's own id and records the client's apart in the audit log", async () => {
    const owner = await createOrganisation(db);
    const editor = await sessionFor(app, db, owner, ['operator_editor']);
    const pole = sampleFeature('poles', owner, `rid-${crypto.randomUUID().slice(0, 8)}`, farAway(810));
    const created = await call<{ id: string }>(app, 'POST', '/api/v1/poles', {
      as: editor,
      json: pole,
      headers: { 'x-request-id': 'client-batch-7.row:12' },
    });
    expect(created.status).toBe(201);
    const serverId = created.headers.get('x-request-id') ?? '';
    expect(serverId).toMatch(UUID);
    expect(created.headers.get('x-client-request-id')).toBe('client-batch-7.row:12');
    const rows = await db.query<{ request_id: string; client_request_id: string | null }>(
      'SELECT request_id, client_request_id FROM audit_log WHERE record_id = $1',
      [created.body.id],
    );
    expect(rows).toEqual([{ request_id: serverId, client_request_id: 'client-batch-7.row:12' }]);
  });

  it('ignores a client id that is too long or has unsafe characters, and never uses it in errors', async () => {
    for (const sent of ['x'.repeat(129), 'a b', '<script>', 'id\u00e9']) {
      const response = await call<ErrorBody>(app, 'GET', '/api/v1/no-such-route', {
        headers: { 'x-request-id': sent },
      });
      expect(response.status).toBe(404);
      expect(response.body.error.requestId).toMatch(UUID);
      expect(response.headers.get('x-request-id')).toBe(response.body.error.requestId);
      expect(response.headers.get('x-client-request-id')).toBeNull();
    }
    const echoed = await call<ErrorBody>(app, 'GET', '/api/v1/no-such-route', {
      headers: { 'x-request-id': 'mine-1' },
    });
    expect(echoed.body.error.requestId).not.toBe('mine-1');
    expect(echoed.headers.get('x-client-request-id')).toBe('mine-1');
  });
});

describe('rate limits on heavy anonymous reads', () => {
  function limitedApp(nowMs: () => number) {
    return createApp({
      db,
      auth: { trustProxy: true },
      rateLimits: { perMinute: 2, burst: 2, ogcDeepOffset: 100, ogcMaxOffset: 1000, nowMs },
    });
  }
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('answers an anonymous client over its export budget 429 with Retry-After, until a token is due', async () => {
    let now = 0;
    const limited = limitedApp(() => now);
    const exportPath = '/api/v1/exports/wifi-points?format=geojson&bbox=106.0,19.0,106.001,19.001';
    const statuses = async (path: string, ip: string) =>
      (await limited.request(path, { headers: from(ip) })).status;
    expect(await statuses(exportPath, '10.9.0.1')).toBe(200);
    expect(await statuses('/api/v1/exports/ofds/nodes', '10.9.0.1')).toBe(200);
    const refused = await limited.request(exportPath, { headers: from('10.9.0.1') });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as ErrorBody).error.code).toBe('TOO_MANY_ATTEMPTS');
    // Another client has its own bucket; cheap reads are not counted.
    expect(await statuses(exportPath, '10.9.0.2')).toBe(200);
    expect(await statuses('/ogc/collections/towers/items?limit=1', '10.9.0.1')).toBe(200);
    now += 30_000;
    expect(await statuses(exportPath, '10.9.0.1')).toBe(200);
    expect(await statuses(exportPath, '10.9.0.1')).toBe(429);
  });

  it('does not limit a signed-in caller', async () => {
    const limited = limitedApp(() => 0);
    const planner = await sessionFor(limited, db, await createOrganisation(db, 'city_department'), [
      'planner',
    ]);
    for (let i = 0; i < 4; i++) {
      const response = await limited.request('/api/v1/exports/ofds/spans', {
        headers: { ...planner.headers, ...from('10.9.0.3') },
      });
      expect(response.status).toBe(200);
    }
  });

  it('counts deep OGC pages and refuses offsets beyond the bound', async () => {
    const limited = limitedApp(() => 0);
    const page = (offset: number) =>
      limited.request(`/ogc/collections/towers/items?limit=1&offset=${offset}`, {
        headers: from('10.9.0.4'),
      });
    expect((await page(99)).status).toBe(200);
    expect((await page(99)).status).toBe(200);
    expect((await page(99)).status).toBe(200);
    expect((await page(100)).status).toBe(200);
    expect((await page(500)).status).toBe(200);
    expect((await page(500)).status).toBe(429);
    const tooDeep = await page(1001);
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as ErrorBody).error.code).toBe('VALIDATION_FAILED');
  });
});
