/**
 * The search box in Chromium (#18 item 2): a planner types a tower's code, the map flies there and
 * the tower's panel opens; a VN-2000 X/Y flies to the point and drops a marker; a commune typed
 * without diacritics opens its panel. On a phone the box is an icon that opens over the title.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, signIn, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];

/** The map's centre, `[lng, lat]`. */
const centreOf = (p: Page) =>
  p.evaluate(() => {
    const c = window.__hatangMap?.getCenter();
    return c ? [c.lng, c.lat] : [0, 0];
  });

async function typeQuery(p: Page, text: string): Promise<void> {
  const input = p.getByTestId('search-input');
  await input.fill('');
  await input.click();
  await input.pressSequentially(text, { delay: 20 });
}

describe('the search box, in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    ({ pageErrors, foreignRequests } = watchPage(page, server.baseUrl));
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'planner@hatang.demo');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a tower by its code: the map flies there and the tower’s panel opens', async () => {
    const tower = await page.evaluate(async () => {
      const response = await fetch('/api/v1/towers?bbox=106.66,20.84,106.70,20.87&limit=1');
      const body = (await response.json()) as {
        features: { id: string; geometry: { coordinates: [number, number] }; properties: { code: string } }[];
      };
      const [f] = body.features;
      return f ? { id: f.id, code: f.properties.code, at: f.geometry.coordinates } : null;
    });
    if (!tower) throw new Error('no demo tower in the centre');
    await typeQuery(page, tower.code.toLowerCase());
    const option = page.locator('[data-testid="search-option"][data-kind="asset"]').first();
    await option.waitFor({ timeout: 30_000 });
    expect(await option.textContent()).toContain(tower.code);
    expect(await page.getByTestId('search-results').textContent()).toContain('Hạ tầng');
    await page.screenshot({ path: join(ARTIFACTS, 'search-desktop-results.png') });
    // Keyboard: the first option is the tower (the exact code ranks first); Enter chooses it.
    await page.getByTestId('search-input').press('ArrowDown');
    expect(await page.getByTestId('search-input').getAttribute('aria-activedescendant')).toBeTruthy();
    await page.getByTestId('search-input').press('Enter');
    const code = page.getByTestId('asset-code');
    await code.waitFor({ timeout: 30_000 });
    expect((await code.textContent())?.trim()).toBe(tower.code);
    await expect
      .poll(
        async () => {
          const [lng, lat] = await centreOf(page);
          return Math.hypot((lng ?? 0) - tower.at[0], (lat ?? 0) - tower.at[1]);
        },
        { timeout: 15_000 },
      )
      .toBeLessThan(0.0005);
    await expect
      .poll(() => page.evaluate(() => window.__hatangMap?.getZoom() ?? 0))
      .toBeGreaterThanOrEqual(16.9);
    await waitForMapIdle(page);
    // The tower is drawn where the map now looks.
    const drawn = await page.evaluate(
      (id) =>
        window.__hatangMap
          ?.queryRenderedFeatures({ layers: ['towers-circle'] })
          .some((f) => f.properties.id === id) ?? false,
      tower.id,
    );
    expect(drawn).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'search-tower-opened.png') });
  });

  it('flies to a VN-2000 X/Y and drops a marker there', async () => {
    await typeQuery(page, 'X 2308000 Y 594000');
    const option = page.locator('[data-testid="search-option"][data-kind="coordinate"]');
    await option.waitFor({ timeout: 10_000 });
    expect(await option.textContent()).toContain('VN-2000');
    await option.click();
    await page.getByTestId('search-marker').waitFor({ timeout: 10_000 });
    // X 2 308 000 (northing), Y 594 000 (easting) in the Hai Phong zone: 20.86253° N, 106.65523° E.
    await expect
      .poll(
        async () => {
          const [lng, lat] = await centreOf(page);
          return Math.hypot((lng ?? 0) - 106.655226, (lat ?? 0) - 20.862529);
        },
        { timeout: 15_000 },
      )
      .toBeLessThan(0.0005);
    await waitForMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'search-vn2000-marker.png') });
  });

  it('opens a ward typed without diacritics', async () => {
    await typeQuery(page, 'le chan');
    const option = page.locator('[data-testid="search-option"][data-kind="admin_unit"]').first();
    await option.waitFor({ timeout: 30_000 });
    expect(await option.textContent()).toContain('Lê Chân');
    await option.click();
    const panel = page.getByTestId('asset-panel');
    await expect
      .poll(async () => (await panel.count()) > 0 && (await panel.locator('h2').textContent()), {
        timeout: 15_000,
      })
      .toBe('Lê Chân');
  });

  it('fits a 390 px phone: an icon that opens the box over the title', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.goto(server.baseUrl);
      await phone.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      expect(await phone.getByTestId('search-input').isVisible()).toBe(false);
      // The icon has its own place in the header row: it covers no other control.
      const icon = await phone.getByTestId('search-toggle').boundingBox();
      const language = await phone.getByTestId('language-switch').boundingBox();
      if (!icon || !language) throw new Error('no search icon or language switch');
      expect(icon.x + icon.width <= language.x || language.x + language.width <= icon.x).toBe(true);
      await phone.screenshot({ path: join(ARTIFACTS, 'search-phone-collapsed.png') });
      await phone.getByTestId('search-toggle').click();
      await typeQuery(phone, 'le chan');
      await phone
        .locator('[data-testid="search-option"][data-kind="admin_unit"]')
        .first()
        .waitFor({ timeout: 30_000 });
      const box = await phone.getByTestId('search-results').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      // The public finds assets by their public names only, never by a code (above the public tier).
      const assetLabels = await phone
        .locator('[data-testid="search-option"][data-kind="asset"] .search-option-label')
        .allTextContents();
      expect(assetLabels.filter((label) => /^[A-Z0-9]+(-[A-Z0-9]+)*-\d+$/.test(label))).toEqual([]);
      await phone.screenshot({ path: join(ARTIFACTS, 'search-phone-results.png') });
    } finally {
      await phone.close();
    }
  });

  it('loaded nothing from outside and raised no script error', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
