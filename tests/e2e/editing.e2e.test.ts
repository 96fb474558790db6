import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  DEMO_PASSWORD,
  signIn,
  signOut,
  startAdding,
  startE2e,
  waitForMapIdle,
  watchPage,
} from './browser';
import type { RunningServer } from './server-process';

const CODE = `E2E-${Date.now().toString(36).toUpperCase()}`;
/** An open spot in Hai Phong's centre, at street zoom. */
const SPOT: [number, number] = [106.6905, 20.8575];

let server: RunningServer;
let browser: Browser;
let page: Page;
let towerId = '';
let consoleErrors: string[] = [];
let foreignRequests: string[] = [];

/** The tower as the API shows it to whoever is signed in in `p`. */
async function towerProperties(p: Page, id: string): Promise<Record<string, unknown>> {
  return p.evaluate(async (towerId) => {
    const response = await fetch(`/api/v1/towers/${towerId}`, { credentials: 'same-origin' });
    const body = (await response.json()) as { properties: Record<string, unknown> };
    return body.properties;
  }, id);
}

/** Centres the map on `lngLat` and clicks it (the canvas point MapLibre projects it to). */
async function clickMapAt(p: Page, lngLat: [number, number], zoom = 17): Promise<void> {
  await p.evaluate(([c, z]) => window.__hatangMap?.jumpTo({ center: c, zoom: z }), [lngLat, zoom] as const);
  await waitForMapIdle(p);
  const point = await p.evaluate((c) => window.__hatangMap?.project(c), lngLat);
  const box = await p.locator('canvas.maplibregl-canvas').boundingBox();
  if (!point || !box) throw new Error('no map to click');
  await p.mouse.click(box.x + point.x, box.y + point.y);
}

const field = (p: Page, key: string) => p.locator(`[data-field="${key}"]`);

async function fill(p: Page, key: string, value: string): Promise<void> {
  const input = field(p, key).locator('input, select').first();
  if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
}

describe('editing assets on the map in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const watched = watchPage(page, server.baseUrl);
    foreignRequests = watched.foreignRequests;
    consoleErrors = watched.pageErrors;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (consoleErrors.length) console.log('browser errors:', consoleErrors);
  });

  it('signs in as an operator editor and shows who is signed in', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    // A wrong password is refused with a clear message.
    await page.getByTestId('sign-in-button').click();
    const form = page.getByTestId('sign-in-form');
    await form.locator('input[name="email"]').fill('editor.song@hatang.demo');
    await form.locator('input[name="password"]').fill('not-the-password');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('mật khẩu');
    await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('user-name').waitFor({ timeout: 20_000 });
    const menu = await page.getByTestId('user-menu').textContent();
    expect(menu).toContain('Sông Telecom');
    expect(menu).toContain('Biên tập');
  });

  it('adds a tower: click on the map, see field errors, fix them, save', async () => {
    await startAdding(page, 'towers');
    await page.getByTestId('edit-panel').waitFor();
    await clickMapAt(page, SPOT);
    // The point is placed: the typed-coordinates box shows where (VN-2000 X ≈ 2.3 million m).
    await expect
      .poll(async () => Number(await page.locator('input[name="coordinate-a"]').inputValue()))
      .toBeGreaterThan(2_000_000);

    await fill(page, 'code', CODE);
    await fill(page, 'towerClass', 'A1');
    await fill(page, 'structure', 'rooftop_pole');
    await fill(page, 'placement', 'rooftop');
    await fill(page, 'heightM', '0');
    // Live validation with the contract: height must be > 0.
    await expect.poll(() => field(page, 'heightM').locator('.field-error').textContent()).toContain('0 m');
    await page.screenshot({ path: join(ARTIFACTS, 'editing-field-error.png') });
    await fill(page, 'heightM', '15');
    await expect.poll(() => field(page, 'heightM').locator('.field-error').count()).toBe(0);
    await fill(page, 'antennaSlotsTotal', '6');
    await fill(page, 'tenantsMax', '3');
    await fill(page, 'powerBackupHours', '4');
    // Save without the building height: the cross-field rule of the contract stops it.
    await page.getByTestId('save-button').click();
    await expect
      .poll(() => field(page, 'buildingHeightM').locator('.field-error').textContent())
      .toContain('building height');
    await fill(page, 'buildingHeightM', '21');
    await page.getByTestId('save-button').click();

    await expect.poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 }).toBe(CODE);
    const found = await page.evaluate(async (code) => {
      const response = await fetch(`/api/v1/towers?code=${code}`);
      return ((await response.json()) as { features: Array<{ id: string }> }).features.map((f) => f.id);
    }, CODE);
    expect(found).toHaveLength(1);
    towerId = found[0] ?? '';
    await waitForMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'editing-saved.png') });
  });

  it('finds the tower after a reload, still signed in', async () => {
    await page.reload();
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await page.getByTestId('user-name').waitFor({ timeout: 20_000 });
    const drawn = async () =>
      page.evaluate(
        (code) =>
          window.__hatangMap
            ?.queryRenderedFeatures({ layers: ['towers-circle'] })
            .some((f) => f.properties.code === code) ?? false,
        CODE,
      );
    await clickMapAt(page, SPOT);
    await expect.poll(drawn, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('asset-code').textContent(), { timeout: 10_000 }).toBe(CODE);
    expect(await page.locator('[data-attribute="powerBackupHours"]').textContent()).toContain('4');
  });

  it('edits the tower and undoes the edit through the API', async () => {
    await page.getByTestId('edit-button').click();
    await page.getByTestId('edit-panel').waitFor();
    await fill(page, 'heightM', '25');
    await page.getByTestId('save-button').click();
    await expect
      .poll(() => page.locator('[data-attribute="heightM"]').textContent(), { timeout: 20_000 })
      .toContain('25');
    expect((await towerProperties(page, towerId)).heightM).toBe(25);

    await page.getByTestId('undo-button').click();
    await expect
      .poll(async () => (await towerProperties(page, towerId)).heightM, { timeout: 20_000 })
      .toBe(15);
    await expect
      .poll(() => page.locator('[data-attribute="heightM"]').textContent(), { timeout: 20_000 })
      .toContain('15');
    // Redo is offered, and Ctrl+Shift+Z re-applies it.
    expect(await page.getByTestId('redo-button').isEnabled()).toBe(true);
    await page.locator('body').press('Control+Shift+Z');
    await expect
      .poll(async () => (await towerProperties(page, towerId)).heightM, { timeout: 20_000 })
      .toBe(25);
    await page.screenshot({ path: join(ARTIFACTS, 'editing-undo.png') });
  });

  it('shows the other version when someone saved first, and reapplies mine', async () => {
    await page.getByTestId('edit-button').click();
    await page.getByTestId('edit-panel').waitFor();
    await fill(page, 'tenantsMax', '4');
    // Meanwhile someone else (same rights, another tab) changes the height.
    const status = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const current = (await (await fetch(`/api/v1/towers/${id}`)).json()) as {
        properties: { version: number };
      };
      const response = await fetch(`/api/v1/towers/${id}`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          'if-match': `"${current.properties.version}"`,
          'x-csrf-token': me.csrfToken,
        },
        body: JSON.stringify({ properties: { heightM: 30 } }),
      });
      return response.status;
    }, towerId);
    expect(status).toBe(200);
    await page.getByTestId('save-button').click();
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor({ timeout: 20_000 });
    const text = await dialog.textContent();
    expect(text).toContain('Phiên bản của bạn');
    expect(await dialog.locator('[data-field="heightM"]').textContent()).toContain('30');
    await page.screenshot({ path: join(ARTIFACTS, 'editing-conflict.png') });
    await page.getByTestId('reapply-mine').click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    const after = await towerProperties(page, towerId);
    expect(after).toMatchObject({ tenantsMax: 4, heightM: 30 });
  });

  it('lists the tower’s history with who changed what', async () => {
    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('history-panel');
    await history.waitFor({ timeout: 20_000 });
    await expect.poll(() => history.locator('li').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Tạo mới');
    expect(text).toContain('Biên tập viên Sông Telecom');
    expect(text).toContain('Khôi phục phiên bản');
    await page.screenshot({ path: join(ARTIFACTS, 'editing-history.png') });
  });

  it('draws a duct whose ends snap to the manholes clicked near', async () => {
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.683, 20.856], zoom: 17 }));
    await waitForMapIdle(page);
    await expect
      .poll(
        () =>
          page.evaluate(
            () => window.__hatangMap?.queryRenderedFeatures({ layers: ['manholes-circle'] }).length,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(1);
    // Two manholes 80–400 px apart, clear of the toolbar (top) and the side panel (right).
    const pair = await page.evaluate(() => {
      const map = window.__hatangMap;
      if (!map) throw new Error('no map');
      const width = map.getCanvas().clientWidth;
      const seen = new Set<string>();
      const manholes = map.queryRenderedFeatures({ layers: ['manholes-circle'] }).flatMap((f) => {
        const id = String(f.properties.id);
        if (seen.has(id) || f.geometry.type !== 'Point') return [];
        seen.add(id);
        const p = map.project(f.geometry.coordinates as [number, number]);
        return p.x > 40 && p.x < width - 440 && p.y > 140 && p.y < 800 ? [{ id, x: p.x, y: p.y }] : [];
      });
      for (const a of manholes)
        for (const b of manholes) {
          const d = Math.hypot(a.x - b.x, a.y - b.y);
          if (d > 80 && d < 400) return [a, b];
        }
      return null;
    });
    if (!pair) throw new Error('no two manholes to connect in view');
    const [a, b] = pair;
    if (!a || !b) throw new Error('no pair');
    await startAdding(page, 'ducts');
    await page.getByTestId('edit-panel').waitFor();
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    // Click a few pixels off each manhole: the vertices snap onto them (radius 10 px).
    await page.mouse.click(box.x + a.x + 5, box.y + a.y - 4);
    await page.mouse.move(box.x + b.x - 4, box.y + b.y + 5, { steps: 5 });
    await page.mouse.click(box.x + b.x - 4, box.y + b.y + 5);
    // Clicking the last vertex again finishes the line.
    await page.mouse.move(box.x + b.x, box.y + b.y, { steps: 3 });
    await page.mouse.click(box.x + b.x, box.y + b.y);
    await expect.poll(() => page.getByTestId('draw-hint').textContent()).toContain('Kéo các đỉnh');
    // Snapped onto manholes, the duct records them as its ends.
    // The form names them by code (the ids stay in the form's state).
    expect(await field(page, 'fromManholeId').locator('[data-ref]').getAttribute('data-ref')).toBe(a.id);
    expect(await field(page, 'toManholeId').locator('[data-ref]').getAttribute('data-ref')).toBe(b.id);
    await expect
      .poll(() => field(page, 'fromManholeId').textContent(), { timeout: 10_000 })
      .not.toContain('…');
    expect(await field(page, 'fromManholeId').textContent()).not.toContain(a.id);
    await page.screenshot({ path: join(ARTIFACTS, 'editing-duct.png') });

    await fill(page, 'code', `${CODE}-D`);
    await fill(page, 'tubesTotal', '4');
    await fill(page, 'tubesUsed', '1');
    await fill(page, 'diameterMm', '110');
    await fill(page, 'depthM', '0,8');
    await page.getByTestId('save-button').click();
    await expect
      .poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 })
      .toBe(`${CODE}-D`);

    const check = await page.evaluate(
      async ({ code, ids }) => {
        const get = async (url: string) => (await fetch(url)).json();
        const ducts = (await get(`/api/v1/ducts?code=${code}`)) as {
          features: Array<{ geometry: { coordinates: number[][] }; properties: { depthM: number } }>;
        };
        const ends = await Promise.all(
          ids.map(
            async (id) =>
              ((await get(`/api/v1/manholes/${id}`)) as { geometry: { coordinates: number[] } }).geometry
                .coordinates,
          ),
        );
        return { duct: ducts.features[0], ends };
      },
      { code: `${CODE}-D`, ids: [a.id, b.id] },
    );
    const line = check.duct?.geometry.coordinates ?? [];
    expect(line.length).toBe(2);
    expect(check.duct?.properties.depthM).toBe(0.8);
    for (const [vertex, manhole] of [
      [line[0], check.ends[0]],
      [line.at(-1), check.ends[1]],
    ]) {
      expect(vertex?.[0]).toBeCloseTo(manhole?.[0] ?? 0, 6);
      expect(vertex?.[1]).toBeCloseTo(manhole?.[1] ?? 0, 6);
    }
  });

  it('hides the owner-only fields from another operator', async () => {
    await signOut(page);
    await signIn(page, 'editor.bien@hatang.demo');
    const seen = await towerProperties(page, towerId);
    expect(seen.heightM).toBe(30);
    expect(seen).not.toHaveProperty('tenancies');
    expect(seen).not.toHaveProperty('powerBackupHours');
    await clickMapAt(page, SPOT);
    await expect.poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 }).toBe(CODE);
    const backup = page.locator('[data-attribute="powerBackupHours"]');
    await expect.poll(() => backup.getAttribute('data-hidden'), { timeout: 20_000 }).toBe('true');
    expect(await backup.textContent()).toContain('ẩn');
    // Not theirs: no Edit or Delete; and the previous user's edits are not on their undo stack.
    expect(await page.getByTestId('edit-button').count()).toBe(0);
    expect(await page.getByTestId('undo-button').isEnabled()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'editing-other-operator.png') });
  });

  it('loaded nothing from outside its own origin and threw no page errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
