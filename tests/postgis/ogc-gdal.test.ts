/**
 * GDAL as a real client: `ogrinfo` reads the layers through /ogc (the OAPIF driver) and reads a
 * downloaded .mvt tile (the MVT driver). Part of the server suite (tests/postgis, run with
 * DATABASE_URL), which also needs gdal-bin: CI installs both.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lngLatToTile } from '@hatang/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farAway } from '../support/fixtures.js';
import { type ServedTowers, serveTowersOnLoopback } from './towers-on-loopback.js';

const run = promisify(execFile);
function requireGdal(): void {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('ogrinfo not found: install gdal-bin (apt-get install -y gdal-bin) to run tests/postgis');
  }
}

const at = farAway(7000);
let served: ServedTowers | undefined;
let base = '';

describe('GDAL reads the layers', () => {
  beforeAll(async () => {
    requireGdal();
    served = await serveTowersOnLoopback('gdal', 2, 7000);
    base = served.base;
  });
  afterAll(() => served?.close());

  it('lists every collection and counts the features in a bbox with ogrinfo OAPIF', async () => {
    const layers = await run('ogrinfo', ['-ro', '-q', `OAPIF:${base}/ogc`], { timeout: 60_000 });
    expect(layers.stdout).toMatch(/towers/);
    expect(layers.stdout).toMatch(/admin-units/);
    const spat = [at[0] - 0.0005, at[1] - 0.0005, at[0] + 0.0015, at[1] + 0.0015].map(String);
    const summary = await run('ogrinfo', ['-ro', '-so', '-spat', ...spat, `OAPIF:${base}/ogc`, 'towers'], {
      timeout: 60_000,
    });
    expect(summary.stdout).toMatch(/Feature Count: 2\b/);
    // Public tier: the structure is there, the height is not.
    const features = await run('ogrinfo', ['-ro', '-al', '-spat', ...spat, `OAPIF:${base}/ogc`, 'towers'], {
      timeout: 60_000,
    });
    expect(features.stdout).toMatch(/structure \(String\) = monopole/);
    expect(features.stdout).not.toMatch(/heightM/);
  });

  it('reads a downloaded .mvt tile with ogrinfo', async () => {
    const tile = lngLatToTile(at, 16);
    const response = await fetch(`${base}/tiles/towers/${tile.z}/${tile.x}/${tile.y}.mvt`);
    const dir = mkdtempSync(join(tmpdir(), 'hatang-mvt-'));
    const file = join(dir, 'towers.mvt');
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    const info = await run(
      'ogrinfo',
      ['-ro', '-al', '-oo', `Z=${tile.z}`, '-oo', `X=${tile.x}`, '-oo', `Y=${tile.y}`, file],
      { timeout: 60_000 },
    );
    expect(info.stdout).toMatch(/Feature Count: 2\b/);
    expect(info.stdout).toMatch(/towerClass \(String\) = A2b/);
    expect(info.stdout).toMatch(/POINT \(/);
  });
});
