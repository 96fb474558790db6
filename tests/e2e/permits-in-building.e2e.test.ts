/**
 * In-building permit applications (issue #17 item 2) in Chromium on a fresh server with the demo
 * data: an operator (Sông Telecom's editor) files one for an apartment building, choosing the
 * works and the operators served, first leaving the floors out (named on its field); the system is
 * not shared, so the submitted application carries the plan 317 V.1 warning. The reviewer finds it
 * in the queue filtered by the new kind and reads the building, the works and the operators served,
 * in Vietnamese and in English. Screenshots of the form and the review at 1440×900 and 390×844.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, signOut, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const TITLE = `E2E phủ sóng trong nhà ${Date.now().toString(36)}`;
const BUILDING = 'Chung cư Hoàng Huy Lạch Tray (thử nghiệm)';
/** A point in Ngô Quyền, Hai Phong's centre, `[lng, lat]`. */
const WHERE: [number, number] = [106.6964, 20.8449];

/** The demo operators' organisations: `{ id, name }` of each operator, by code. */
function operators(p: Page) {
  return p.evaluate(async () => {
    const body = (await (await fetch('/api/v1/organisations')).json()) as {
      items: { id: string; code: string; name: string; kind: string }[];
    };
    return Object.fromEntries(
      body.items.filter((o) => o.kind === 'operator').map((o) => [o.code, { id: o.id, name: o.name }]),
    );
  });
}

/** Opens the permits panel (it may still be open from the previous user). */
async function openPanel(p: Page) {
  const panel = p.getByTestId('permits-panel');
  if (!(await panel.isVisible())) await clickPanelButton(p, 'permits');
  await panel.waitFor();
  return panel;
}

describe('filing and reviewing an in-building permit in Chromium', () => {
  let ops: Record<string, { id: string; name: string }> = {};

  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watched = watchPage(page, server.baseUrl);
    foreignRequests = watched.foreignRequests;
    pageErrors = watched.pageErrors;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets an operator file an in-building application, naming a missing field, and submit it', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'editor.song@hatang.demo');
    ops = await operators(page);
    expect(Object.keys(ops)).toEqual(expect.arrayContaining(['OP-SONG', 'OP-BIEN']));

    await openPanel(page);
    await page.getByTestId('permit-new').click();
    const form = page.getByTestId('permit-form');
    await form.locator('select[name="kind"]').selectOption('in_building');
    await form.locator('input[name="title"]').fill(TITLE);
    await form.locator('input[name="buildingName"]').fill(BUILDING);
    await form.locator('select[name="buildingType"]').selectOption('apartment');
    const works = page.getByTestId('permit-field-works');
    await works.locator('input[value="shared_indoor_mobile_system"]').check();
    await works.locator('input[value="fibre_riser"]').check();
    const served = page.getByTestId('permit-field-operatorOrgIds');
    // Only operators are offered, by name.
    expect(await served.locator('input[type="checkbox"]').count()).toBe(Object.keys(ops).length);
    await served.locator(`input[value="${ops['OP-SONG']?.id}"]`).check();
    await form.locator('select[name="isShared"]').selectOption('false');
    // The building is one point, picked on the map.
    await page.getByTestId('permit-pick').click();
    const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!canvas) throw new Error('no map');
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await expect.poll(() => form.locator('input[name="where"]').inputValue()).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    // Then typed exactly, so the place is known.
    await form.locator('input[name="where"]').fill(`${WHERE[0]}, ${WHERE[1]}`);
    expect(await form.textContent()).toContain('Hạng mục lắp đặt');
    await page.screenshot({ path: join(ARTIFACTS, 'permits-in-building-form-1440.png') });

    // The floors are missing: named on their field before anything is sent.
    await page.getByTestId('permit-save').click();
    await page.getByTestId('permit-error-details.floors').waitFor();
    await form.locator('input[name="floors"]').fill('36');
    await page.getByTestId('permit-save').click();

    const view = page.getByTestId('permit-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 20_000 }).toBe('draft');
    const details = page.getByTestId('permit-details');
    expect(await details.textContent()).toContain(BUILDING);
    expect(await details.textContent()).toContain(
      'Hệ thống thu phát sóng di động trong tòa nhà; Trục cáp quang đứng',
    );
    await page.getByTestId('permit-submit').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('submitted');
    const check = page.getByTestId('permit-check-in-building-sharing');
    await check.waitFor({ timeout: 20_000 });
    expect(await check.getAttribute('data-result')).toBe('warn');
    expect(await check.textContent()).toContain('Kế hoạch 317, mục V.1');
    await waitForMapIdle(page);
    // The building is drawn on the map.
    expect(
      await page.evaluate(
        () =>
          (
            window.__hatangMap?.queryRenderedFeatures({
              layers: ['permit-application-point'].filter((id) => window.__hatangMap?.getLayer(id)),
            }) ?? []
          ).length,
      ),
    ).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('lets the reviewer find it by kind and read the building, the works and the operators served', async () => {
    await signOut(page);
    await signIn(page, 'reviewer@hatang.demo');
    const panel = await openPanel(page);
    await panel.locator('[data-testid="permit-filters"] select').nth(1).selectOption('in_building');
    const row = panel.locator('[data-testid="permit-row"]', { hasText: TITLE });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Lắp đặt hạ tầng viễn thông trong tòa nhà');
    expect(await row.textContent()).toContain(BUILDING);
    expect(await panel.locator('[data-testid="permit-row"]').count()).toBe(1);
    await row.getByRole('button', { name: TITLE }).click();

    const view = page.getByTestId('permit-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 20_000 }).toBe('submitted');
    const details = page.getByTestId('permit-details');
    const text = (await details.textContent()) ?? '';
    expect(text).toContain(BUILDING);
    expect(text).toContain('Nhà chung cư');
    expect(text).toContain('36');
    expect(text).toContain(ops['OP-SONG']?.name ?? '?');
    expect(await page.getByTestId('permit-check-in-building-sharing').getAttribute('data-result')).toBe(
      'warn',
    );
    expect(await page.getByTestId('permit-approve-conditions').count()).toBe(1);
    await waitForMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'permits-in-building-review-1440.png') });

    // In English the panel speaks English, the application's own text aside.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => details.textContent()).toContain('Apartment building');
    expect(await details.textContent()).toContain('Operators served');
    expect(await page.getByTestId('permit-check-in-building-sharing').textContent()).toContain(
      'Plan 317, section V.1 asks the city to regulate',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'permits-in-building-review-en-1440.png') });
    await page.getByTestId('language-switch').click();
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('is usable on a phone: the form and the review', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const watched = watchPage(phone, server.baseUrl);
    await phone.goto(server.baseUrl);
    await phone.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(phone, 'editor.bien@hatang.demo');
    const panel = await openPanel(phone);
    await phone.getByTestId('permit-new').click();
    const form = phone.getByTestId('permit-form');
    await form.locator('select[name="kind"]').selectOption('in_building');
    await form.locator('input[name="buildingName"]').fill(BUILDING);
    const box = await panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    // Picking the building: the sheet makes room for the map, a tap on the map is the place.
    await phone.getByTestId('permit-pick').click();
    const sheet = await panel.boundingBox();
    const map = await phone.getByTestId('map').boundingBox();
    if (!sheet || !map) throw new Error('no sheet or map');
    expect(sheet.y).toBeGreaterThan(map.y + 100);
    await phone.screenshot({ path: join(ARTIFACTS, 'permits-in-building-pick-390.png') });
    await phone.mouse.click(map.x + map.width / 2, (map.y + sheet.y) / 2);
    await expect.poll(() => form.locator('input[name="where"]').inputValue()).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    await phone.getByTestId('permit-field-works').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(ARTIFACTS, 'permits-in-building-form-390.png') });
    await signOut(phone);

    await signIn(phone, 'reviewer@hatang.demo');
    const queue = await openPanel(phone);
    const row = queue.locator('[data-testid="permit-row"]', { hasText: TITLE });
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: TITLE }).click();
    await phone.getByTestId('permit-details').waitFor();
    await phone.getByTestId('permit-details').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(ARTIFACTS, 'permits-in-building-review-390.png') });
    expect(watched.pageErrors).toEqual([]);
    await phone.close();
  });
});
