/**
 * The coverage Analysis panel in Chromium against the real server and demo data: a planner runs
 * 5G for all operators, follows the progress, reads the commune table (sorted by uncovered
 * people), sees the gap layer and the candidate sites, moves a tower into a gap through the API,
 * re-runs and sees the numbers change, and downloads the table as CSV and the gaps as GeoJSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

const GAP_LAYER = 'coverage-gaps-fill';
const SITE_LAYER = 'coverage-candidates-circle';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];

/** "1.306.554" (vi) or "1,306,554" (en) → 1306554; "−1.234" → -1234. */
const parseCount = (text: string | null): number =>
  Number((text ?? '').replace(/−/g, '-').replace(/[^\d-]/g, ''));

const renderedCount = (p: Page, layer: string) =>
  p.evaluate((id) => window.__hatangMap?.queryRenderedFeatures({ layers: [id] }).length ?? 0, layer);

/** The uncovered column of the commune table, top to bottom. */
const uncoveredColumn = async (p: Page) =>
  (await p.locator('[data-testid="commune-row"] [data-col="uncovered"]').allTextContents()).map(parseCount);

const cityUncovered = async (p: Page) =>
  parseCount(await p.getByTestId('city-uncovered').locator('.figure-value').textContent());

interface TowerFeature {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: {
    version: number;
    status: string;
    tenancies?: Array<{ operatorOrgId: string; technologies: string[] }>;
  };
}

/** The largest gap of the cached 5G run (the same request answers the same job), via the API. */
async function largestGap(csrfToken: string) {
  const started = await page.request.post(`${server.baseUrl}/api/v1/analysis/coverage`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { technology: '5G' },
  });
  expect(started.status()).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  for (let i = 0; i < 300; i++) {
    const job = (await (
      await page.request.get(`${server.baseUrl}/api/v1/analysis/coverage/${jobId}`)
    ).json()) as {
      status: string;
      result?: {
        gaps: { features: Array<{ properties: { centre: [number, number]; populationCount: number } }> };
      };
    };
    if (job.status === 'done') return job.result?.gaps.features[0]?.properties ?? null;
    if (job.status === 'failed') throw new Error('the coverage job failed');
    await page.waitForTimeout(200);
  }
  return null;
}

describe('the coverage Analysis panel in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1600, height: 950 }, acceptDownloads: true });
    const watched = watchPage(page, server.baseUrl);
    foreignRequests = watched.foreignRequests;
    pageErrors = watched.pageErrors;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (pageErrors.length) console.log('browser errors:', pageErrors);
  });

  it('asks an anonymous visitor to sign in', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await clickPanelButton(page, 'analysis');
    await page.getByTestId('analysis-panel').waitFor();
    expect(await page.getByTestId('analysis-sign-in').textContent()).toContain('Đăng nhập');
    expect(await page.getByTestId('analysis-run').count()).toBe(0);
  });

  it('runs 5G for all operators as a planner and follows the progress to the end', async () => {
    await signIn(page, 'planner@hatang.demo');

    // Defaults: 5G and every operator / tower company.
    await page.getByTestId('analysis-run').waitFor();
    expect(await page.locator('input[name="technology"][value="5G"]').isChecked()).toBe(true);
    const operators = page.locator('[data-testid="analysis-operators"] input[type="checkbox"]');
    expect(await operators.count()).toBeGreaterThanOrEqual(4);
    for (const box of await operators.all()) expect(await box.isChecked()).toBe(true);

    await page.getByTestId('analysis-run').click();
    // The first run builds the model (a few seconds): the progress bar shows and moves.
    const bar = page.locator('[data-testid="analysis-progress"] [role="progressbar"]');
    await bar.waitFor({ timeout: 10_000 });
    const seen = new Set<number>();
    while ((await page.getByTestId('analysis-progress').count()) > 0) {
      const value = await bar.getAttribute('aria-valuenow').catch(() => null);
      if (value !== null) seen.add(Number(value));
      if (seen.size === 2) await page.screenshot({ path: join(ARTIFACTS, 'analysis-progress.png') });
      await page.waitForTimeout(100);
    }
    expect([...seen].every((v) => v >= 0 && v <= 100)).toBe(true);
    await page.getByTestId('analysis-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('analysis-run').textContent()).toMatch(/Chạy lại/);
  });

  it('shows the city figures and the commune table, 114 rows sorted by uncovered people', async () => {
    const population = parseCount(
      await page.getByTestId('city-population').locator('.figure-value').textContent(),
    );
    expect(population).toBeGreaterThan(1_000_000);
    const uncovered = await cityUncovered(page);
    expect(uncovered).toBeGreaterThan(0);
    expect(uncovered).toBeLessThan(population);
    expect(await page.getByTestId('city-covered').textContent()).toContain('%');
    expect(
      parseCount(await page.getByTestId('city-single').locator('.figure-value').textContent()),
    ).toBeGreaterThan(0);

    await expect.poll(() => page.getByTestId('commune-row').count()).toBe(114);
    const column = await uncoveredColumn(page);
    expect(column).toEqual([...column].sort((a, b) => b - a));
    expect(column.reduce((a, b) => a + b, 0)).toBe(uncovered);
    expect(
      await page
        .locator('[data-testid="commune-table"] th[data-sort-key="uncoveredCount"]')
        .getAttribute('aria-sort'),
    ).toBe('descending');
    const headers = await page.locator('[data-testid="commune-table"] th').allTextContents();
    expect(headers.join('|')).toContain('Chưa phủ');

    // Another column sorts too, and the header shows it; back to uncovered.
    await page.locator('th[data-sort-key="populationCount"] button').click();
    const populations = (
      await page.locator('[data-testid="commune-row"] td:nth-child(2)').allTextContents()
    ).map(parseCount);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    await page.locator('th[data-sort-key="name"] button').click();
    expect(await page.locator('th[data-sort-key="name"]').getAttribute('aria-sort')).toBe('ascending');
    await page.locator('th[data-sort-key="uncoveredCount"] button').click();
    expect(await uncoveredColumn(page)).toEqual(column);

    // English headers.
    await page.getByTestId('language-switch').click();
    const english = await page.locator('[data-testid="commune-table"] th').allTextContents();
    expect(english.join('|')).toContain('Uncovered');
    expect(english.join('|')).toContain('Population');
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-en.png') });
    await page.getByTestId('language-switch').click();
    expect((await page.locator('[data-testid="commune-table"] th').allTextContents()).join('|')).toContain(
      'Dân số',
    );
  });

  it('draws the gap layer with its legend and the candidate sites on the map', async () => {
    await waitForMapIdle(page);
    expect(await renderedCount(page, GAP_LAYER)).toBeGreaterThan(0);
    expect(await renderedCount(page, SITE_LAYER)).toBeGreaterThan(0);
    const legend = await page.getByTestId('analysis-map-legend').textContent();
    expect(legend).toContain('Vùng lõm sóng');
    expect(legend).toContain('Dùng chung trạm');
    await page.screenshot({ path: join(ARTIFACTS, 'analysis.png') });

    // The toggle hides and shows the gaps.
    await page.getByTestId('toggle-gap-layer').click();
    await waitForMapIdle(page);
    expect(await renderedCount(page, GAP_LAYER)).toBe(0);
    await page.getByTestId('toggle-gap-layer').click();
    await waitForMapIdle(page);
    expect(await renderedCount(page, GAP_LAYER)).toBeGreaterThan(0);
  });

  it('lists candidate sites ranked with the people each one gains', async () => {
    await page.getByTestId('analysis-tab-sites').click();
    const sites = page.locator('[data-testid="candidate-sites"] [data-testid="candidate-site"]');
    expect(await sites.count()).toBeGreaterThan(0);
    const ranks = await sites.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rank'))));
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    const gains = (await sites.locator('[data-testid="site-gain"]').allTextContents()).map(parseCount);
    expect(gains.every((g) => g > 0)).toBe(true);
    // Greedy: every next site gains at most what the one before it did.
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    expect(await sites.first().textContent()).toMatch(/\+[\d.]+ người/);
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-sites.png') });
  });

  it('zooms to a gap picked in the list, and to one clicked on the map, and lists the sites near it', async () => {
    await page.getByTestId('analysis-tab-gaps').click();
    const zoomBefore = await page.evaluate(() => window.__hatangMap?.getZoom() ?? 0);
    await page.locator('[data-testid="gap-row"][data-rank="1"] button').click();
    await page.getByTestId('gap-detail').waitFor();
    await page.waitForTimeout(800);
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__hatangMap?.getZoom() ?? 0)).toBeGreaterThan(zoomBefore);
    expect(await page.getByTestId('gap-detail').textContent()).toContain('#1');
    const near = await page.locator('[data-testid="gap-sites"] [data-testid="candidate-site"]').count();
    const none = await page.getByTestId('gap-no-sites').count();
    expect(near + none).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-gap.png') });

    // Click on the map where a gap is drawn (and no tower or site is): that gap is selected.
    const target = await page.evaluate(
      ([gapLayer]) => {
        const map = window.__hatangMap;
        if (!map) return null;
        const background = new Set([
          gapLayer,
          'coverage-gaps-line',
          'coverage-gaps-selected',
          'land',
          'admin-units-fill',
          'admin-units-line',
          'admin-units-label',
        ]);
        const canvas = map.getCanvas();
        const width = canvas.clientWidth;
        const height = canvas.clientHeight;
        for (let y = 40; y < height - 40; y += 25) {
          for (let x = 40; x < width - 60; x += 25) {
            const box: [[number, number], [number, number]] = [
              [x - 8, y - 8],
              [x + 8, y + 8],
            ];
            // Anything drawn there but the gaps and the base map (towers, streets, sites…) would take the click.
            const blockers = map.queryRenderedFeatures(box).filter((f) => !background.has(f.layer.id));
            if (blockers.length > 0) continue;
            // Not under a panel or toolbar floating over the map.
            const rect = canvas.getBoundingClientRect();
            if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue;
            const [hit] = map.queryRenderedFeatures([x, y], { layers: [gapLayer] });
            const rank = hit?.properties.rank;
            if (typeof rank === 'number' && rank !== 1) return { x, y, rank };
          }
        }
        return null;
      },
      [GAP_LAYER] as const,
    );
    expect(target).not.toBeNull();
    if (target) {
      const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
      if (!box) throw new Error('no map canvas');
      await page.mouse.click(box.x + target.x, box.y + target.y);
      await expect
        .poll(() => page.getByTestId('gap-detail').locator('h3').textContent())
        .toMatch(new RegExp(`#${target.rank} `));
      await page.waitForTimeout(800);
      await waitForMapIdle(page);
      await page.screenshot({ path: join(ARTIFACTS, 'analysis-gap-click.png') });
      // The bare-map click did not open the commune panel over the analysis.
      expect(await page.locator('.side-panel').count()).toBe(0);
    }
  });

  it('moves a 5G tower into the largest gap, says the data changed, re-runs and the numbers change', async () => {
    const before = await cityUncovered(page);
    const versionBefore = await page.getByTestId('analysis-result').getAttribute('data-version');
    const me = (await (await page.request.get(`${server.baseUrl}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const gap = await largestGap(me.csrfToken);
    expect(gap).not.toBeNull();
    if (!gap) return;

    // A tower with a 5G tenancy, far from the gap, moved onto the gap's centre.
    const towers = (await (await page.request.get(`${server.baseUrl}/api/v1/towers?limit=10000`)).json()) as {
      features: TowerFeature[];
    };
    const far = (t: TowerFeature) =>
      Math.hypot(t.geometry.coordinates[0] - gap.centre[0], t.geometry.coordinates[1] - gap.centre[1]) > 0.2;
    const tower = towers.features.find(
      (t) =>
        t.properties.status === 'existing' &&
        far(t) &&
        (t.properties.tenancies ?? []).some((x) => x.technologies.includes('5G')),
    );
    expect(tower).toBeDefined();
    if (!tower) return;
    const patched = await page.request.patch(`${server.baseUrl}/api/v1/towers/${tower.id}`, {
      headers: { 'if-match': `"${tower.properties.version}"`, 'x-csrf-token': me.csrfToken },
      data: { geometry: { type: 'Point', coordinates: gap.centre } },
    });
    expect(patched.status()).toBe(200);

    // The panel notices on the next check (every 30 s, or at once when the window regains focus).
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await page.getByTestId('analysis-data-changed').waitFor({ timeout: 40_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-data-changed.png') });

    await page.getByTestId('analysis-run').click();
    await expect
      .poll(() => page.getByTestId('analysis-result').getAttribute('data-version'), { timeout: 60_000 })
      .not.toBe(versionBefore);
    await expect.poll(() => page.getByTestId('analysis-progress').count(), { timeout: 60_000 }).toBe(0);
    const after = await cityUncovered(page);
    expect(after).not.toBe(before);
    expect(await page.getByTestId('city-uncovered').textContent()).toMatch(/so với lần trước: [+−]/);
    expect(await page.getByTestId('analysis-data-changed').count()).toBe(0);

    // The commune table shows the change per unit, and still sums to the city.
    await page.getByTestId('analysis-tab-communes').click();
    expect(await page.locator('th[data-sort-key="delta"]').count()).toBe(1);
    const column = await uncoveredColumn(page);
    expect(column.reduce((a, b) => a + b, 0)).toBe(after);
    expect(
      await page
        .locator('[data-testid="commune-row"] td.better, [data-testid="commune-row"] td.worse')
        .count(),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-rerun.png') });
  });

  it('re-runs by itself when a tower is moved through the editing UI in this session', async () => {
    const versionBefore = await page.getByTestId('analysis-result').getAttribute('data-version');
    const before = await cityUncovered(page);
    const me = (await (await page.request.get(`${server.baseUrl}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const gap = await largestGap(me.csrfToken);
    if (!gap) throw new Error('no gap');
    const towers = (await (await page.request.get(`${server.baseUrl}/api/v1/towers?limit=10000`)).json()) as {
      features: TowerFeature[];
    };
    const far = (t: TowerFeature) =>
      Math.hypot(t.geometry.coordinates[0] - gap.centre[0], t.geometry.coordinates[1] - gap.centre[1]) > 0.2;
    const tower = towers.features.filter(
      (t) =>
        t.properties.status === 'existing' &&
        far(t) &&
        (t.properties.tenancies ?? []).some((x) => x.technologies.includes('5G')),
    )[5];
    if (!tower) throw new Error('no 5G tower');

    // Select it on the map, edit, type the gap's centre in WGS 84, move, save.
    const at = tower.geometry.coordinates;
    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 18 }), at);
    await waitForMapIdle(page);
    const point = await page.evaluate((c) => window.__hatangMap?.project(c), at);
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!point || !box) throw new Error('no map to click');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.getByTestId('edit-button').click();
    await page.getByTestId('edit-panel').waitFor();
    const coordinates = page.getByTestId('coordinate-input');
    await coordinates.locator('input[name="crs"][value="wgs84"]').check();
    await coordinates.locator('input[name="coordinate-a"]').fill(gap.centre[0].toFixed(6));
    await coordinates.locator('input[name="coordinate-b"]').fill(gap.centre[1].toFixed(6));
    await coordinates.locator('button[type="submit"]').click();
    await page.getByTestId('save-button').click();

    // No click on Re-run: the saved tower write starts the new run.
    await expect
      .poll(() => page.getByTestId('analysis-result').getAttribute('data-version'), { timeout: 60_000 })
      .not.toBe(versionBefore);
    await expect.poll(() => page.getByTestId('analysis-progress').count(), { timeout: 60_000 }).toBe(0);
    expect(await cityUncovered(page)).not.toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-auto-rerun.png') });
  });

  it('downloads the commune table as CSV (UTF-8 with BOM, 114 rows) and the gaps as GeoJSON', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^hatang-coverage-5G-.*\.csv$/);
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines).toHaveLength(1 + 114);
    expect(lines[0]).toContain('Chưa phủ sóng (người)');
    // Vietnamese names survive.
    expect(lines.slice(1).some((l) => /[ăâđêôơư]/i.test(l))).toBe(true);

    await page.getByTestId('analysis-tab-gaps').click();
    const [geojson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-geojson').click(),
    ]);
    const collection = JSON.parse(readFileSync(await geojson.path(), 'utf8')) as {
      type: string;
      features: Array<{ geometry: { type: string }; properties: { rank: number; populationCount: number } }>;
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBe(await page.getByTestId('gap-row').count());
    expect(collection.features[0]?.geometry.type).toBe('MultiPolygon');
    expect(collection.features[0]?.properties.rank).toBe(1);
  });

  it('loaded nothing from outside the origin and threw no page errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
