/**
 * The installable app's files as the server hands them out (issue #18 item 5): the service worker
 * and the manifest from the app's own origin with their content types and revalidated on every
 * load (a service worker script cached for a year would pin old builds on phones), hashed bundles
 * cached for good.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { testDatabase } from '../support/test-database.js';

let app: App;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'hatang-pwa-'));
  const webDir = join(root, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  mkdirSync(join(webDir, 'icons'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Hatang</title>');
  writeFileSync(join(webDir, 'sw.js'), "self.addEventListener('fetch', () => {});");
  writeFileSync(join(webDir, 'manifest.webmanifest'), '{"name":"Hatang"}');
  writeFileSync(join(webDir, 'icons', 'icon-192.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'glyphs'), { recursive: true });
  app = createApp({ db: await testDatabase(), static: { webDir, dataDir } });
});

const headersOf = async (path: string) => {
  const response = await app.request(path);
  await response.arrayBuffer();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cache: response.headers.get('cache-control'),
  };
};

describe('the installable app from its own origin', () => {
  it('serves the service worker as JavaScript that the browser revalidates on every load', async () => {
    expect(await headersOf('/sw.js')).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      cache: 'no-cache',
    });
  });

  it('serves the web manifest as application/manifest+json, revalidated', async () => {
    expect(await headersOf('/manifest.webmanifest')).toEqual({
      status: 200,
      type: 'application/manifest+json',
      cache: 'no-cache',
    });
  });

  it('serves icons as PNG and the hashed bundles as immutable', async () => {
    expect((await headersOf('/icons/icon-192.png')).type).toBe('image/png');
    expect((await headersOf('/assets/index-abc123.js')).cache).toBe('public, max-age=31536000, immutable');
  });
});
