/**
 * The registers plan 317 asks the city to manage, in Chromium (#17 item 2): a planner adds a green
 * data centre and a surveillance camera on a pole of a main street, and the plan's indicators move
 * (green data centres +1, main-street camera coverage up). The public sees the new records without
 * their confidential fields.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  clickPanelButton,
  signIn,
  startAdding,
  startE2e,
  waitForMapIdle,
  watchPage,
} from './browser';
import type { RunningServer } from './server-process';

const CODE = `E2E-REG-${Date.now().toString(36).toUpperCase()}`;
/** An open spot in Hai Phong's centre, at street zoom. */
const SPOT: [number, number] = [106.6905, 20.8575];

let server: RunningServer;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];
let foreignRequests: string[] = [];

const field = (p: Page, key: string) => p.locator(`[data-field="${key}"]`);

async function fill(p: Page, key: string, value: string): Promise<void> {
  const input = field(p, key).locator('input, select').first();
  if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
}

/** Centres the map on `lngLat` and clicks it. */
async function clickMapAt(p: Page, lngLat: [number, number], zoom = 17): Promise<void> {
  await p.evaluate(([c, z]) => window.__hatangMap?.jumpTo({ center: c, zoom: z }), [lngLat, zoom] as const);
  await waitForMapIdle(p);
  const point = await p.evaluate((c) => window.__hatangMap?.project(c), lngLat);
  const box = await p.locator('canvas.maplibregl-canvas').boundingBox();
  if (!point || !box) throw new Error('no map to click');
  await p.mouse.click(box.x + point.x, box.y + point.y);
}

/** The register's figure ("Hiện trạng") of one indicator card in the plan's indicators tab. */
async function actualOf(p: Page, key: string): Promise<string> {
  const cell = p
    .locator(`[data-testid="plan-indicators"] [data-indicator="${key}"] [data-cell="actual"]`)
    .first();
  await cell.waitFor({ timeout: 120_000 });
  return (await cell.textContent()) ?? '';
}

/** Vietnamese number text ("12,34 %") as a number. */
const numberOf = (text: string) => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));

/** Opens the plan panel (it shows the demo plan's baseline) on its indicators tab. */
async function openIndicators(p: Page): Promise<void> {
  await clickPanelButton(p, 'plan');
  await p.getByTestId('plan-tab-indicators').click({ timeout: 30_000 });
  await p.getByTestId('plan-indicators').waitFor({ state: 'attached' });
}

describe('data centres and cameras on poles move the plan indicators, in Chromium', () => {
  let greenBefore = 0;
  let camerasBefore = 0;
  /** The code of the pole the camera is hung on. */
  let poleCode = '';

  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const watched = watchPage(page, server.baseUrl);
    foreignRequests = watched.foreignRequests;
    consoleErrors = watched.pageErrors;
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'planner@hatang.demo');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (consoleErrors.length) console.log('browser errors:', consoleErrors);
  });

  it('reads green data centres and main-street camera coverage in the indicators tab', async () => {
    await openIndicators(page);
    greenBefore = numberOf(await actualOf(page, 'greenDataCentres'));
    camerasBefore = numberOf(await actualOf(page, 'mainStreetCameraPercent'));
    console.log(`before: green data centres ${greenBefore}, main-street camera coverage ${camerasBefore} %`);
    expect(Number.isFinite(greenBefore)).toBe(true);
    expect(camerasBefore).toBeGreaterThan(0);
    expect(camerasBefore).toBeLessThan(100);
    await page.screenshot({ path: join(ARTIFACTS, 'registers-indicators-before.png') });
    await page.locator('[data-testid="plan-panel"] .icon-button[aria-label="Đóng"]').first().click();
    await page.getByTestId('plan-panel').waitFor({ state: 'detached' });
  });

  it('adds a green data centre on the map', async () => {
    await startAdding(page, 'data-centres');
    await page.getByTestId('edit-panel').waitFor();
    await clickMapAt(page, SPOT);
    await fill(page, 'code', `${CODE}-DC`);
    await fill(page, 'name', 'Trung tâm dữ liệu xanh E2E');
    await fill(page, 'greenCertification', 'lotus');
    await fill(page, 'powerMw', '12,5');
    await fill(page, 'tier', 'III');
    await page.getByTestId('save-button').click();
    await expect
      .poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 })
      .toBe(`${CODE}-DC`);
    // The side panel speaks Vietnamese: the certificate and the power with a decimal comma.
    const panel = (await page.getByTestId('asset-panel').textContent()) ?? '';
    expect(panel).toContain('LOTUS');
    expect(panel).toContain('12,5');
    await page.screenshot({ path: join(ARTIFACTS, 'registers-data-centre.png') });
  });

  it('hangs a camera on a pole of a main street: the pole is recorded and the camera stands on it', async () => {
    // A pole of a primary street where no camera sees yet, in the city centre.
    const pole = await page.evaluate(async () => {
      const json = async (url: string) => (await fetch(url, { credentials: 'same-origin' })).json();
      const bbox = '106.66,20.84,106.72,20.87';
      const poles = (await json(`/api/v1/poles?bbox=${bbox}&limit=2000&status=existing`)) as {
        features: { id: string; geometry: { coordinates: [number, number] }; properties: { code: string } }[];
      };
      const cameras = (await json(
        `/api/v1/street-devices?bbox=${bbox}&limit=5000&deviceType=surveillance_camera`,
      )) as { features: { geometry: { coordinates: [number, number] } }[] };
      const far = (a: [number, number], b: [number, number]) =>
        Math.hypot((a[0] - b[0]) * 104_000, (a[1] - b[1]) * 110_700) > 400;
      const streets = (await json(
        `/api/v1/streets?bbox=${bbox}&limit=5000&streetClass=primary,secondary`,
      )) as {
        features: { geometry: { coordinates: [number, number][] } }[];
      };
      const onMainStreet = (p: [number, number]) =>
        streets.features.some((s) =>
          s.geometry.coordinates.some(
            (v) => Math.hypot((v[0] - p[0]) * 104_000, (v[1] - p[1]) * 110_700) < 60,
          ),
        );
      return (
        poles.features.find(
          (f) =>
            onMainStreet(f.geometry.coordinates) &&
            cameras.features.every((c) => far(c.geometry.coordinates, f.geometry.coordinates)),
        ) ?? null
      );
    });
    if (!pole) throw new Error('no pole on a main street without a camera nearby');
    poleCode = pole.properties.code;
    await page.evaluate(
      (c) => window.__hatangMap?.jumpTo({ center: c, zoom: 18 }),
      pole.geometry.coordinates as [number, number],
    );
    await waitForMapIdle(page);
    await expect
      .poll(
        () =>
          page.evaluate(() => window.__hatangMap?.queryRenderedFeatures({ layers: ['poles-circle'] }).length),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await startAdding(page, 'street-devices');
    await page.getByTestId('edit-panel').waitFor();
    // Click 3 px off the pole: the device is put on it.
    const point = await page.evaluate((c) => window.__hatangMap?.project(c), pole.geometry.coordinates);
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!point || !box) throw new Error('no map to click');
    await page.mouse.click(box.x + point.x + 3, box.y + point.y - 2);
    await page.screenshot({ path: join(ARTIFACTS, 'registers-camera-click.png') });
    await expect
      .poll(() => field(page, 'poleId').locator('[data-ref]').getAttribute('data-ref'), { timeout: 20_000 })
      .toBe(pole.id);
    // …and names it by its code, not its id.
    await expect
      .poll(() => field(page, 'poleId').textContent(), { timeout: 10_000 })
      .toContain(pole.properties.code);
    await fill(page, 'code', `${CODE}-CAM`);
    await fill(page, 'deviceType', 'surveillance_camera');
    await fill(page, 'viewRangeM', '150');
    await fill(page, 'mountHeightM', '6');
    await page.screenshot({ path: join(ARTIFACTS, 'registers-camera-form.png') });
    await page.getByTestId('save-button').click();
    await expect
      .poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 })
      .toBe(`${CODE}-CAM`);
    const saved = await page.evaluate(async (code) => {
      const r = await fetch(`/api/v1/street-devices?code=${code}`, { credentials: 'same-origin' });
      return (
        (await r.json()) as {
          features: { properties: { poleId: string }; geometry: { coordinates: number[] } }[];
        }
      ).features[0];
    }, `${CODE}-CAM`);
    expect(saved?.properties.poleId).toBe(pole.id);
    expect(saved?.geometry.coordinates).toEqual(pole.geometry.coordinates);
    await page.screenshot({ path: join(ARTIFACTS, 'registers-camera.png') });
  });

  it('names the camera’s pole by its code in the panel, and selects the pole from there', async () => {
    const onPole = page.locator('[data-testid="asset-panel"] [data-attribute="poleCode"]');
    await expect.poll(() => onPole.locator('dt').textContent(), { timeout: 20_000 }).toBe('Treo trên cột');
    const link = onPole.locator('button[data-selects="poles"]');
    await expect.poll(() => link.textContent(), { timeout: 20_000 }).toBe(poleCode);
    const panel = (await page.getByTestId('asset-panel').textContent()) ?? '';
    expect(panel).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'registers-camera-pole-code-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await onPole.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'registers-camera-pole-code-phone.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await link.click();
    await expect.poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 }).toBe(poleCode);
    expect(await page.locator('[data-testid="asset-panel"] .kicker').textContent()).toBe('Cột treo cáp');
    await page.screenshot({ path: join(ARTIFACTS, 'registers-camera-pole-selected.png') });
  });

  it('shows one more green data centre and more of the main streets under cameras', async () => {
    await openIndicators(page);
    await expect
      .poll(async () => numberOf(await actualOf(page, 'greenDataCentres')), { timeout: 120_000 })
      .toBe(greenBefore + 1);
    const after = numberOf(await actualOf(page, 'mainStreetCameraPercent'));
    console.log(`after: green data centres ${greenBefore + 1}, main-street camera coverage ${after} %`);
    expect(after).toBeGreaterThan(camerasBefore);
    await page.locator('[data-indicator="mainStreetCameraPercent"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'registers-indicators-after.png') });
  });

  it('shows the public the data centre without its power or efficiency, and the camera without its pole', async () => {
    const anonymous = await browser.newPage();
    await anonymous.goto(server.baseUrl);
    // The ids, as the planner sees them (the public may not filter on a code: it is above its tier).
    const ids = await page.evaluate(async (code) => {
      const id = async (path: string) =>
        ((await (await fetch(path, { credentials: 'same-origin' })).json()) as { features: { id: string }[] })
          .features[0]?.id ?? '';
      return {
        dc: await id(`/api/v1/data-centres?code=${code}-DC`),
        cam: await id(`/api/v1/street-devices?code=${code}-CAM`),
      };
    }, CODE);
    const seen = await anonymous.evaluate(async ({ dc, cam }) => {
      const get = async (url: string) =>
        ((await (await fetch(url)).json()) as { properties: Record<string, unknown> }).properties;
      return { dc: await get(`/api/v1/data-centres/${dc}`), cam: await get(`/api/v1/street-devices/${cam}`) };
    }, ids);
    await anonymous.close();
    expect(seen.dc).toMatchObject({ name: 'Trung tâm dữ liệu xanh E2E', greenCertification: 'lotus' });
    expect(seen.dc).not.toHaveProperty('powerMw');
    expect(seen.dc).not.toHaveProperty('pue');
    expect(seen.cam).toMatchObject({ deviceType: 'surveillance_camera' });
    expect(seen.cam).not.toHaveProperty('poleId');
    expect(seen.cam).not.toHaveProperty('poleCode');
  });

  it('loaded nothing from outside its own origin and threw no page errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
