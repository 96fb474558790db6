/**
 * QGIS (Debian's python3-qgis, offscreen) as a real client: it adds every OGC API – Features
 * layer with the API's own feature count, filters a bbox to the API's count, reads a vector tile,
 * and opens `…/ogc/` (trailing slash) as it opens `…/ogc`. Each check runs in its own process
 * (tests/postgis/qgis-client.py): a QGIS crash is a segmentation fault. Part of the server suite
 * (DATABASE_URL); CI installs python3-qgis and qgis-providers.
 */
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { lngLatToTile } from '@hatang/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type ServedTowers, serveTowersOnLoopback } from './towers-on-loopback.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./qgis-client.py', import.meta.url));
// Debian's interpreter: a python3 earlier on PATH may not see the qgis module.
const PYTHON = '/usr/bin/python3';

async function qgis<T>(...args: string[]): Promise<T> {
  const { stdout } = await run(PYTHON, [SCRIPT, ...args], {
    timeout: 120_000,
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

const at = farAway(7300);
let app: App;
let served: ServedTowers | undefined;
let base = '';

describe('QGIS reads the layers', () => {
  beforeAll(async () => {
    try {
      execFileSync(PYTHON, ['-c', 'import qgis.core'], { stdio: 'ignore' });
    } catch {
      throw new Error(
        'QGIS not found: apt-get install -y --no-install-recommends python3-qgis qgis-providers',
      );
    }
    served = await serveTowersOnLoopback('qgis', 3, 7300);
    app = served.app;
    base = served.base;
  });
  afterAll(() => served?.close());

  /** The API's own count of a collection, as an anonymous client sees it. */
  const apiCount = async (collection: string, bbox?: number[]) => {
    const query = bbox ? `&bbox=${bbox.join(',')}` : '';
    const response = await call<{ numberMatched: number }>(
      app,
      'GET',
      `/ogc/collections/${collection}/items?limit=1${query}`,
    );
    expect(response.status).toBe(200);
    return response.body.numberMatched;
  };

  it('adds every collection with the feature count the API reports, from /ogc and from /ogc/', async () => {
    const collections = await call<{ collections: { id: string }[] }>(app, 'GET', '/ogc/collections');
    const ids = collections.body.collections.map((c) => c.id);
    expect(ids).toContain('towers');
    const expected = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await apiCount(id)])));
    for (const url of [`${base}/ogc`, `${base}/ogc/`]) {
      const counts = await qgis<Record<string, number>>('layers', url, ids.join(','));
      expect(counts, url).toEqual(expected);
    }
  });

  it('filters a bbox to the count the API gives for it', async () => {
    const bbox = [at[0] - 0.0005, at[1] - 0.0005, at[0] + 0.0025, at[1] + 0.0025];
    const expected = await apiCount('towers', bbox);
    expect(expected).toBe(3);
    const result = await qgis<{ count: number }>('bbox', `${base}/ogc`, 'towers', ...bbox.map(String));
    expect(result.count).toBe(expected);
  });

  it('opens the vector tiles and draws the towers of a tile, and nothing for an empty one', async () => {
    const tiles = `${base}/tiles/towers/{z}/{x}/{y}.mvt`;
    const tile = lngLatToTile(at, 16);
    const drawn = await qgis<{ valid: boolean; painted: number }>(
      'tiles',
      tiles,
      String(tile.z),
      String(tile.x),
      String(tile.y),
    );
    expect(drawn.valid).toBe(true);
    expect(drawn.painted).toBeGreaterThan(0);
    // A tile in the middle of the Pacific holds no tower: QGIS draws nothing there.
    const empty = lngLatToTile([-160, -30], 16);
    const blank = await qgis<{ valid: boolean; painted: number }>(
      'tiles',
      tiles,
      String(empty.z),
      String(empty.x),
      String(empty.y),
    );
    expect(blank).toEqual({ valid: true, painted: 0 });
  });
});
