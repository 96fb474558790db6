/**
 * Site offers in Chromium against the real server and demo data: the demo commune inspector
 * publishes an offer by typing VN-2000 coordinates, and an operator's editor sees it on the map
 * among the key sites and opens its details. The key sites include Plan 317's 5G key areas: road
 * and rail corridors drawn as lines, with their covered share of length in the details.
 */
import { join } from 'node:path';
import { toVn2000, vn2000Label } from '@hatang/geo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, signIn, startE2e, waitForMapIdle } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
const OFFER_NAME = `Đất công thử nghiệm ${Date.now() % 100000}`;
let where: [number, number];

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    pageErrors.push(error.message);
  });
  await page.goto(server.baseUrl);
  await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
  return page;
}

/** Names of the offers drawn at the current view. */
const renderedOffers = (p: Page) =>
  p.evaluate(() =>
    (window.__hatangMap?.queryRenderedFeatures({ layers: ['site-offers-point'] }) ?? []).map((f) =>
      String(f.properties?.name),
    ),
  );

describe('site offers in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (pageErrors.length) console.log('browser errors:', pageErrors);
  });

  it('lets the demo inspector publish an offer at typed VN-2000 coordinates', async () => {
    const page = await openPage();
    await signIn(page, 'inspector@hatang.demo');
    // Near the inspector's commune centre (its published label point), 150 m east.
    const me = (await (await page.request.get(`${server.baseUrl}/api/v1/auth/me`)).json()) as {
      user: { adminUnitCode: string };
    };
    const unit = (await (
      await page.request.get(`${server.baseUrl}/api/v1/admin-units/${me.user.adminUnitCode}`)
    ).json()) as { properties: { labelPoint: { coordinates: [number, number] } } };
    const [lng, lat] = unit.properties.labelPoint.coordinates;
    where = [lng + 0.0015, lat];
    const survey = vn2000Label(toVn2000(where));

    await page.getByTestId('sites-control-toggle').click();
    await page.getByTestId('site-offer-publish').click();
    const form = page.getByTestId('site-offer-form');
    await page.getByTestId('site-offer-crs').selectOption('vn2000');
    await page.getByTestId('site-offer-coord-a').fill(survey.X.toFixed(2));
    await page.getByTestId('site-offer-coord-b').fill(survey.Y.toFixed(2));
    await page.getByTestId('site-offer-place').click();
    expect(await page.getByTestId('site-offer-geometry').textContent()).toMatch(/Point/);
    await form.locator('input[name="name"]').fill(OFFER_NAME);
    await form.locator('input[name="areaM2"]').fill('220');
    await form.locator('input[name="maxStructureHeightM"]').fill('42');
    await form.locator('input[name="contactName"]').fill('Nguyễn Thị Thử');
    await form.locator('input[name="contactPhone"]').fill('0225 3123 456');
    await page.screenshot({ path: join(ARTIFACTS, 'sites-publish-form.png') });
    await page.getByTestId('site-offer-save').click();
    await form.waitFor({ state: 'detached', timeout: 20_000 });

    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 16 }), where);
    await waitForMapIdle(page);
    await expect.poll(() => renderedOffers(page), { timeout: 20_000 }).toContain(OFFER_NAME);
    await page.context().close();
  });

  it('shows the offer to an operator on the map, with its details on a click', async () => {
    const page = await openPage();
    await signIn(page, 'editor.song@hatang.demo');
    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 16 }), where);
    await waitForMapIdle(page);
    await expect.poll(() => renderedOffers(page), { timeout: 20_000 }).toContain(OFFER_NAME);
    const point = await page.evaluate((c) => {
      const p = window.__hatangMap!.project(c);
      return { x: p.x, y: p.y };
    }, where);
    const box = await page.locator('.map canvas').first().boundingBox();
    await page.mouse.click((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y);
    const details = page.getByTestId('site-offer-details');
    await details.waitFor({ timeout: 10_000 });
    expect(await details.textContent()).toContain(OFFER_NAME);
    expect(await details.textContent()).toContain('Nguyễn Thị Thử');

    // Key sites at city scale, coloured by fiber.
    await page.getByTestId('sites-control-toggle').click();
    await page.screenshot({ path: join(ARTIFACTS, 'sites-operator-offer.png') });
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.68, 20.86], zoom: 11 }));
    await waitForMapIdle(page);
    const keySites = await page.evaluate(
      () => window.__hatangMap?.queryRenderedFeatures({ layers: ['key-sites-point'] }).length ?? 0,
    );
    expect(keySites).toBeGreaterThan(20);
    await page.screenshot({ path: join(ARTIFACTS, 'sites-key-sites.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  /** Corridors drawn at the current view, by layer. */
  const renderedCorridors = (p: Page) =>
    p.evaluate(() => ({
      road: window.__hatangMap?.queryRenderedFeatures({ layers: ['key-sites-road'] }).length ?? 0,
      rail: window.__hatangMap?.queryRenderedFeatures({ layers: ['key-sites-rail'] }).length ?? 0,
    }));

  it('draws road and rail corridors as lines, filters by category and explains a corridor’s 5G', async () => {
    const page = await openPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'planner@hatang.demo');
    await page.getByTestId('sites-control-toggle').click();
    await page.getByTestId('sites-flag').selectOption('has5g');
    // Hải Phòng's centre and the railway from Thượng Lý towards Phú Thái.
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.62, 20.88], zoom: 11.5 }));
    await waitForMapIdle(page);
    await expect
      .poll(async () => (await renderedCorridors(page)).rail, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const drawn = await renderedCorridors(page);
    expect(drawn.rail).toBeGreaterThan(0);
    expect(drawn.road).toBeGreaterThan(0);
    const legend = await page.locator('.sites-legend').textContent();
    expect(legend).toContain('Tuyến đường bộ');
    expect(legend).toContain('Tuyến đường sắt');
    await page.screenshot({ path: join(ARTIFACTS, 'sites-corridors-1440.png') });

    // Only the rail corridor: no road lines and no point sites are left.
    await page.getByTestId('sites-category').selectOption('rail_corridor');
    await expect.poll(async () => (await renderedCorridors(page)).road, { timeout: 10_000 }).toBe(0);
    expect(
      await page.evaluate(
        () => window.__hatangMap?.queryRenderedFeatures({ layers: ['key-sites-point'] }).length ?? -1,
      ),
    ).toBe(0);
    // A click on the line opens its details with the covered share of its length.
    // A vertex of the railway's demo polyline near the view's centre (away from the panels).
    const onLine = await page.evaluate(() => {
      const p = window.__hatangMap!.project([106.61, 20.885]);
      return { x: p.x, y: p.y };
    });
    const box = await page.locator('.map canvas').first().boundingBox();
    await page.mouse.click((box?.x ?? 0) + onLine.x, (box?.y ?? 0) + onLine.y);
    const details = page.getByTestId('key-site-details');
    await details.waitFor({ timeout: 10_000 });
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('Tuyến đường sắt');
    expect(text).toContain('Chiều dài có sóng 5G');
    expect(text).toMatch(/tính là có khi từ 95 %/);
    await page.screenshot({ path: join(ARTIFACTS, 'sites-corridor-details-1440.png') });
    await page.context().close();

    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    phone.on('pageerror', (error) => {
      pageErrors.push(error.message);
    });
    await phone.goto(server.baseUrl);
    await phone.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(phone, 'planner@hatang.demo');
    await phone.getByTestId('sites-control-toggle').click();
    await phone.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.62, 20.88], zoom: 10.5 }));
    await waitForMapIdle(phone);
    await expect
      .poll(async () => (await renderedCorridors(phone)).rail, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const control = await phone.getByTestId('sites-control').boundingBox();
    expect(control?.width ?? 0).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(ARTIFACTS, 'sites-corridors-390.png') });
    expect(pageErrors).toEqual([]);
    await phone.close();
  });
});
