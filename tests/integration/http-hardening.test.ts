/**
 * HTTP hardening (#15 item 5) through the real app with the web app mounted from a temporary
 * build: no 5xx from odd paths, JSON 404s under the API prefixes, trailing slashes answered like
 * the canonical URL, and security headers on every answer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { readInside } from '../../apps/api/src/static.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; message: string; requestId: string } };

let app: App;
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
  app = createApp({ db: await testDatabase(), static: { webDir, dataDir } });
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
    expect(readInside(web, '../web-secrets/key.txt')).toBeUndefined();
    expect(readInside(web, 'assets/../../web-secrets/key.txt')).toBeUndefined();
    expect(readInside(web, 'assets/app.js')?.body.toString()).toBe('console.log(1)');
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
