/**
 * Importing a Shapefile in VN-2000 through the browser: an operator editor uploads a zipped
 * Shapefile that ogr2ogr wrote in EPSG:9210, maps its fields, sees the first rows on the map and
 * the bad row in the report, imports only the valid rows, and the API then holds exactly those
 * features at the right place.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zip } from '@hatang/geo/formats';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, startE2e, waitForMapIdle } from './browser';
import type { RunningServer } from './server-process';

const RUN = Date.now().toString(36).toUpperCase();
const code = (i: number) => `IMP-${RUN}-${i}`;
/** Three manholes along a street in central Hai Phong, [lng, lat] WGS 84; row 2 is 25 m deep (over the 10 m limit). */
const ROWS = [
  { at: [106.68812, 20.85402], depth: '1.4' },
  { at: [106.68868, 20.85431], depth: '25' },
  { at: [106.68925, 20.85459], depth: '1.6' },
] as const;

let server: RunningServer;
let browser: Browser;
let page: Page;
let shapefileZip = '';
const pageErrors: string[] = [];

/** The fixture as the operator's GIS would hold it: Vietnamese column names, WGS 84 GeoJSON. */
function fixtureGeoJson(): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: ROWS.map((r, i) => ({
      type: 'Feature',
      properties: {
        MA_BE: code(i + 1),
        LOAI: 'manhole',
        SO_NAP: 2,
        SAU_M: Number(r.depth),
        GHI_CHU: 'Lạch Tray',
      },
      geometry: { type: 'Point', coordinates: r.at },
    })),
  });
}

/** ogr2ogr → ESRI Shapefile in EPSG:9210 (with its .prj), zipped as a user would. */
function makeShapefileZip(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hatang-e2e-shp-'));
  const source = join(dir, 'ho-ga.geojson');
  writeFileSync(source, fixtureGeoJson());
  const out = join(dir, 'shp');
  execFileSync(
    'ogr2ogr',
    ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:9210', '-lco', 'ENCODING=UTF-8', out, source, '-nln', 'ho_ga'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const files = Object.fromEntries(
    readdirSync(out).map((f) => [f, new Uint8Array(readFileSync(join(out, f)))]),
  );
  const path = join(dir, 'ho-ga-vn2000.zip');
  writeFileSync(path, zip(files));
  return path;
}

/** How many manholes the map draws within 4 px of `lngLat`. */
const manholesDrawnAt = (p: Page, lngLat: readonly [number, number]) =>
  p.evaluate(
    (at) => {
      const map = window.__hatangMap;
      if (!map) return 0;
      const { x, y } = map.project(at);
      return map.queryRenderedFeatures(
        [
          [x - 4, y - 4],
          [x + 4, y + 4],
        ],
        { layers: ['manholes-circle'] },
      ).length;
    },
    lngLat as [number, number],
  );

describe('importing a VN-2000 Shapefile through the browser', () => {
  beforeAll(async () => {
    shapefileZip = makeShapefileZip();
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (pageErrors.length) console.log('browser errors:', pageErrors);
  });

  it('uploads the zipped Shapefile as an operator editor and recognises its .prj', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'editor.song@hatang.demo');
    await clickPanelButton(page, 'import');
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    await panel.getByTestId('import-file').setInputFiles(shapefileZip);
    await panel.getByTestId('import-layer').selectOption('manholes');
    // CRS left on "automatic": the .prj says EPSG:9210.
    await panel.getByTestId('import-upload').click();
    await page.locator('[data-testid="import-job"][data-status="ready"]').waitFor({ timeout: 60_000 });
    const summary = await panel.getByTestId('import-summary').textContent();
    expect(summary).toContain('ho-ga-vn2000.zip');
    expect(summary).toContain('EPSG:9210');
    // Before the mapping, the Vietnamese column names match nothing: every row lacks its code.
    expect(await panel.getByTestId('import-report-summary').textContent()).toMatch(/3 \/ 3/);
  });

  it('maps the fields and shows the first rows on the map, reprojected', async () => {
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('mapping-code').selectOption('MA_BE');
    await panel.getByTestId('mapping-manholeType').selectOption('LOAI');
    await panel.getByTestId('mapping-covers').selectOption('SO_NAP');
    await panel.getByTestId('mapping-depthM').selectOption('SAU_M');
    await panel.getByTestId('mapping-status').selectOption({ label: await constantLabel(panel) });
    await panel.getByTestId('mapping-constant-status').selectOption('existing');
    await panel.getByTestId('mapping-apply').click();
    // The new report is computed in the server's compute pool: allow it a few seconds.
    await expect
      .poll(() => panel.getByTestId('import-report-summary').textContent(), { timeout: 15_000 })
      .toMatch(/1 \/ 3/);

    await waitForMapIdle(page);
    const drawn = await page.evaluate(() => {
      const map = window.__hatangMap;
      if (!map) return [];
      return map.queryRenderedFeatures({ layers: ['import-preview-points'] }).map((f) => ({
        row: f.properties.row as number,
        valid: f.properties.valid as boolean,
        at: (f.geometry as { coordinates: number[] }).coordinates,
      }));
    });
    expect(drawn.map((d) => d.row).sort()).toEqual([1, 2, 3]);
    expect(drawn.find((d) => d.row === 2)?.valid).toBe(false);
    for (const d of drawn) {
      const [lng, lat] = ROWS[d.row - 1]?.at ?? [0, 0];
      // Rendered tile geometry: within a few metres of where the rows are in WGS 84.
      expect(Math.abs((d.at[0] ?? 0) - lng)).toBeLessThan(5e-5);
      expect(Math.abs((d.at[1] ?? 0) - lat)).toBeLessThan(5e-5);
    }
    // The view fits the preview.
    const center = await page.evaluate(() => window.__hatangMap?.getCenter().toArray());
    expect(center?.[0]).toBeCloseTo(106.6887, 3);
    expect(center?.[1]).toBeCloseTo(20.8543, 3);
    // Not written yet: the asset layer has nothing there.
    expect(await manholesDrawnAt(page, ROWS[0].at)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'imports-preview.png') });
  });

  it('lists the bad row in the report, with the CSV download', async () => {
    const panel = page.getByTestId('import-panel');
    const issues = panel.getByTestId('import-issues').locator('tbody tr');
    await expect.poll(() => issues.count()).toBe(1);
    const cells = await issues.first().locator('td').allTextContents();
    expect(cells[0]).toBe('2');
    expect(cells[1]).toBe('depthM');
    expect(cells[2]).toContain('10 m');
    const href = await panel.getByTestId('import-report-csv').getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url ?? '')).text(), href);
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[1]).toMatch(/^2,depthM,/);
    // No valid row matches an existing manhole (same code or same place).
    await expect
      .poll(() => panel.getByTestId('import-duplicates-count').getAttribute('data-count'), {
        timeout: 20_000,
      })
      .toBe('0');
    // Nothing can be written while a row is bad, unless "only the valid rows" is chosen.
    expect(await panel.getByTestId('import-commit').isDisabled()).toBe(true);
  });

  it('imports only the valid rows: exactly those land, at the right place', async () => {
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-valid-only').check();
    await expect.poll(() => panel.getByTestId('import-commit').isDisabled()).toBe(false);
    await panel.getByTestId('import-commit').click();
    await panel.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('import-result-created').textContent()).toContain('2');
    expect(await panel.getByTestId('import-result-invalidSkipped').textContent()).toContain('1');
    // The map reloads the layer: the new manholes are drawn where rows 1 and 3 put them, none at row 2's place.
    await expect.poll(() => manholesDrawnAt(page, ROWS[0].at), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await manholesDrawnAt(page, ROWS[2].at)).toBeGreaterThan(0);
    expect(await manholesDrawnAt(page, ROWS[1].at)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'imports-committed.png') });
    // The panel speaks English too.
    await page.getByTestId('language-switch').click();
    expect(await panel.locator('h2').textContent()).toBe('Import data');
    expect(await panel.getByTestId('import-result-created').textContent()).toContain('Created');
    await page.getByTestId('language-switch').click();
    expect(await panel.locator('h2').textContent()).toBe('Nhập dữ liệu');

    const landed = await page.evaluate(async (prefix) => {
      const response = await fetch(`/api/v1/manholes?limit=100&bbox=106.687,20.853,106.691,20.856`, {
        credentials: 'same-origin',
      });
      const body = (await response.json()) as {
        features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
      };
      return body.features
        .filter((f) => String(f.properties.code).startsWith(prefix))
        .map((f) => ({ code: f.properties.code, depthM: f.properties.depthM, at: f.geometry.coordinates }))
        .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    }, `IMP-${RUN}-`);
    expect(landed.map((f) => [f.code, f.depthM])).toEqual([
      [code(1), 1.4],
      [code(3), 1.6],
    ]);
    for (const [i, feature] of landed.entries()) {
      const [lng, lat] = ROWS[i === 0 ? 0 : 2].at;
      // ogr2ogr's EPSG:9210 and our proj4 definition share the national 7-parameter shift: < 0.5 m.
      expect(Math.abs((feature.at[0] ?? 0) - lng)).toBeLessThan(5e-6);
      expect(Math.abs((feature.at[1] ?? 0) - lat)).toBeLessThan(5e-6);
    }
  });

  it('removes the preview from the map when the panel closes', async () => {
    await clickPanelButton(page, 'import');
    await expect.poll(() => page.getByTestId('import-panel').count()).toBe(0);
    expect(await page.evaluate(() => Boolean(window.__hatangMap?.getSource('import-preview')))).toBe(false);
  });
});

/** The "same value for all rows" option's label, in whichever language the page is. */
async function constantLabel(panel: ReturnType<Page['getByTestId']>): Promise<string> {
  const labels = await panel.getByTestId('mapping-status').locator('option').allTextContents();
  const label = labels.at(-1);
  if (!label) throw new Error('no options in the status mapping');
  return label;
}
