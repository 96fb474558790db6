import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, signIn, startE2e, waitForMapIdle } from './browser';
import type { RunningServer } from './server-process';

const TOWER_LAYERS = ['towers-circle'];
const ADMIN_LABEL_LAYER = 'admin-units-label';

let server: RunningServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];
const timings: Record<string, number> = {};

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

/** Waits until the map has nothing left to load or draw. */

/** Distinct colours (4 bits per channel) of a PNG, decoded by the browser itself. */
async function distinctColours(p: Page, png: Buffer): Promise<number> {
  return p.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      colours.add(
        (((data[i] ?? 0) >> 4) << 8) | (((data[i + 1] ?? 0) >> 4) << 4) | ((data[i + 2] ?? 0) >> 4),
      );
    }
    return colours.size;
  }, png.toString('base64'));
}

type CspWindow = Window & { __cspViolations?: string[] };

/** Runs in the page before its scripts: keeps every Content-Security-Policy violation. */
function recordCspViolations() {
  const w = window as CspWindow;
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations?.push(`${e.effectiveDirective} ${e.blockedURI}`);
  });
}

const cspViolations = (p: Page) => p.evaluate(() => (window as CspWindow).__cspViolations ?? []);

describe('the map in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await timed('server start (incl. seeding)', () => startE2e()));
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(recordCspViolations);
    page.on('request', (request) => {
      requests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      consoleErrors.push(error.message);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    console.log('e2e timings (ms):', timings);
    if (consoleErrors.length) console.log('browser console errors:', consoleErrors);
  });

  it('loads the style, the communes and the towers (body[data-map-ready])', async () => {
    await timed('page to map ready', async () => {
      await page.goto(server.baseUrl);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    });
    expect(await page.evaluate(() => window.__hatangMap?.isStyleLoaded())).toBe(true);
  });

  it('draws a map, not a blank canvas', async () => {
    const png = await page.locator('canvas.maplibregl-canvas').screenshot();
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('labels the communes in Vietnamese, with diacritics', async () => {
    const names = await page.evaluate(
      (layer) =>
        window.__hatangMap?.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.name)),
      ADMIN_LABEL_LAYER,
    );
    expect(names?.length ?? 0).toBeGreaterThan(10);
    // Every Vietnamese name with a tone mark or đ/ơ/ư is outside ASCII.
    const withDiacritics = (names ?? []).filter((n) => /[^\u0020-\u007e]/.test(n));
    expect(withDiacritics.length).toBeGreaterThan(5);
    // Those glyphs came from our own PBFs (Latin Extended Additional holds ạ…ỹ).
    expect(requests.some((u) => u.includes('/glyphs/') && u.endsWith('/7680-7935.pbf'))).toBe(true);
  });

  it('gathers the towers into counted clusters at the city view, one by one from zoom 12', async () => {
    const clusters = () =>
      page.evaluate(() =>
        (window.__hatangMap?.queryRenderedFeatures({ layers: ['towers-cluster'] }) ?? []).map((f) =>
          Number(f.properties.point_count),
        ),
      );
    const rendered = () =>
      page.evaluate(
        (layers) => window.__hatangMap?.queryRenderedFeatures({ layers }).length ?? 0,
        TOWER_LAYERS,
      );
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.65, 20.8], zoom: 9.5 }));
    await waitForMapIdle(page);
    const counts = await clusters();
    // A few dozen circles stand for thousands of towers (the demo has 6,000).
    expect(counts.length).toBeGreaterThan(5);
    expect(counts.length).toBeLessThan(400);
    expect(counts.reduce((sum, n) => sum + n, 0) + (await rendered())).toBeGreaterThan(4000);
    await page.screenshot({ path: join(ARTIFACTS, 'map-clusters.png') });
    // A click on a cluster zooms in to where it splits.
    const before = await page.evaluate(() => window.__hatangMap?.getZoom() ?? 0);
    const target = await page.evaluate(() => {
      const map = window.__hatangMap;
      const [cluster] = map?.queryRenderedFeatures({ layers: ['towers-cluster'] }) ?? [];
      if (!map || !cluster || cluster.geometry.type !== 'Point') throw new Error('no cluster');
      const [lng = 0, lat = 0] = cluster.geometry.coordinates;
      return map.project([lng, lat]);
    });
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('the map canvas has no box');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await expect.poll(() => page.evaluate(() => window.__hatangMap?.getZoom() ?? 0)).toBeGreaterThan(before);
    expect(await page.getByTestId('asset-panel').count()).toBe(0);
    // From zoom 12 every tower stands alone.
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.68, 20.845], zoom: 12 }));
    await waitForMapIdle(page);
    expect(await rendered()).toBeGreaterThan(100);
    expect(await clusters()).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'map.png') });
  });

  it('opens the side panel with the code of a clicked tower', async () => {
    // The public does not see tower codes (confidentiality tiers): sign in as a planner, who sees all.
    await signIn(page, 'planner@hatang.demo');
    await expect
      .poll(
        () =>
          page.evaluate(
            (layers) =>
              window.__hatangMap?.queryRenderedFeatures({ layers }).some((f) => f.properties.code != null) ??
              false,
            TOWER_LAYERS,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    // Centre on one tower, close enough that it stands alone, then click it where it is drawn.
    await page.evaluate((layers) => {
      const map = window.__hatangMap;
      const [tower] = map?.queryRenderedFeatures({ layers }) ?? [];
      if (!map || !tower || tower.geometry.type !== 'Point') throw new Error('no tower to click');
      const [lng, lat] = tower.geometry.coordinates;
      map.jumpTo({ center: [lng ?? 0, lat ?? 0], zoom: 16 });
    }, TOWER_LAYERS);
    await waitForMapIdle(page);
    const target = await page.evaluate((layers) => {
      const map = window.__hatangMap;
      if (!map) throw new Error('no map');
      const centre = map.project(map.getCenter());
      const hits = map.queryRenderedFeatures(
        [
          [centre.x - 3, centre.y - 3],
          [centre.x + 3, centre.y + 3],
        ],
        { layers },
      );
      return { x: centre.x, y: centre.y, codes: hits.map((f) => String(f.properties.code)) };
    }, TOWER_LAYERS);
    expect(target.codes.length).toBeGreaterThan(0);
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('the map canvas has no box');
    await page.mouse.move(box.x + target.x, box.y + target.y);
    await expect
      .poll(() => page.evaluate(() => window.__hatangMap?.getCanvas().style.cursor))
      .toBe('pointer');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const code = page.getByTestId('asset-code');
    await code.waitFor({ timeout: 10_000 });
    expect(target.codes).toContain((await code.textContent())?.trim());
    // The panel lists the tower's attributes and its tenants.
    const panel = page.getByTestId('asset-panel');
    expect(await panel.textContent()).toContain('Chiều cao (m)');
    expect(await panel.locator('.tenancies').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'map-tower.png') });
  });

  it('loads poles, manholes and ducts for the view once zoomed in past their minimum zoom', async () => {
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.683, 20.856], zoom: 15.5 }));
    const rendered = (layers: string[]) =>
      page.evaluate((ids) => window.__hatangMap?.queryRenderedFeatures({ layers: ids }).length ?? 0, layers);
    await expect.poll(() => rendered(['poles-circle']), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => rendered(['manholes-circle']), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => rendered(['ducts-line-existing']), { timeout: 30_000 }).toBeGreaterThan(0);
    await waitForMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'map-street.png') });
  });

  it('measures how long a pan takes to settle at street zooms (reported, not asserted)', async () => {
    // Each pan moves the view by half a screen to unseen ground: tiles and bbox layers load, the
    // map goes idle. The figure is what #18 asks to report (goal: under 2 s on the demo data).
    const figures: Record<string, number[]> = {};
    for (const zoom of [14, 15, 16, 17]) {
      await page.evaluate((z) => window.__hatangMap?.jumpTo({ center: [106.683, 20.856], zoom: z }), zoom);
      await waitForMapIdle(page);
      const times: number[] = [];
      for (const [dx, dy] of [
        [450, 0],
        [0, 350],
        [-450, 0],
      ] as const) {
        times.push(
          await page.evaluate(
            ([x, y]) =>
              new Promise<number>((resolve) => {
                const map = window.__hatangMap;
                if (!map) throw new Error('no map');
                const start = performance.now();
                map.once('idle', () => resolve(performance.now() - start));
                map.panBy([x, y], { animate: false });
              }),
            [dx, dy] as const,
          ),
        );
      }
      figures[`z${zoom}`] = times.map((t) => Math.round(t));
    }
    const all = Object.values(figures)
      .flat()
      .sort((a, b) => a - b);
    const median = all[Math.floor(all.length / 2)] ?? 0;
    writeFileSync(
      join(ARTIFACTS, 'pan-settle.json'),
      `${JSON.stringify({ msPerPan: figures, medianMs: median, maxMs: all.at(-1) }, null, 2)}\n`,
    );
    console.log('pan to settled (ms):', JSON.stringify(figures), 'median', median);
    expect(all).toHaveLength(12);
    expect(all.every((t) => t > 0)).toBe(true);
  }, 600_000);

  it('switches the interface to English', async () => {
    expect(await page.locator('h1').textContent()).toContain('Hải Phòng');
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Hai Phong passive telecom infrastructure');
    expect(await page.getByTestId('legend').textContent()).toContain('Antenna towers');
    expect(await page.getByTestId('asset-panel').textContent()).toContain('Height (m)');
    await page.screenshot({ path: join(ARTIFACTS, 'map-english.png') });
  });

  it('shows the API error message in a banner when a request fails', async () => {
    const failing = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      await failing.route('**/api/v1/wifi-points?**', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'INTERNAL', message: 'database is restarting', requestId: 'e2e' },
          }),
        }),
      );
      await failing.goto(server.baseUrl);
      const banner = failing.getByTestId('error-banner');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toContain('database is restarting');
      // The rest of the map still works.
      await failing.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
    } finally {
      await failing.close();
    }
  });

  it('runs under its Content-Security-Policy without a violation', async () => {
    const response = await page.request.get(server.baseUrl);
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleErrors.filter((e) => /Content.Security.Policy/i.test(e))).toEqual([]);
  });

  it('shows the API documentation (Swagger UI) under its own policy', async () => {
    const docs = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    docs.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    try {
      await docs.addInitScript(recordCspViolations);
      await docs.goto(`${server.baseUrl}/api/docs`);
      await docs.locator('.swagger-ui .info .title').waitFor({ timeout: 60_000 });
      await docs.locator('.opblock').first().waitFor({ timeout: 60_000 });
      await docs.screenshot({ path: join(ARTIFACTS, 'api-docs.png') });
      expect(await cspViolations(docs)).toEqual([]);
      expect(errors.filter((e) => /Content.Security.Policy/i.test(e))).toEqual([]);
    } finally {
      await docs.close();
    }
  });

  it('loads nothing from outside its own origin', async () => {
    const origin = new URL(server.baseUrl).origin;
    const foreign = requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin,
    );
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
    writeFileSync(join(ARTIFACTS, 'requests.txt'), `${requests.join('\n')}\n`);
  });
});
