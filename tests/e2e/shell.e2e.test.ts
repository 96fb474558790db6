/**
 * The app shell in Chromium (#18 item 1): a one-line header at 1280 px that folds what does not fit
 * into a menu, one side panel at a time (opening one closes the asset panel), Escape closes what is
 * on top, the address bar reopens the same panel, asset and view, toolbars only for those who can
 * use them, and on a 390 px phone an inspector can open "Vi phạm" and still see the map to tap.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, panelButtons, signIn, signOut, startE2e, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

async function openApp(viewport: { width: number; height: number }, path = '/'): Promise<Page> {
  const page = await browser.newPage({
    viewport,
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}),
  });
  pageErrors.push(...watchPage(page, server.baseUrl).pageErrors);
  await page.goto(new URL(path, server.baseUrl).toString());
  await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
  return page;
}

/** Boxes overlap (with 1 px of slack for shared borders). */
const overlaps = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) =>
  a.x + a.width - 1 > b.x && b.x + b.width - 1 > a.x && a.y + a.height - 1 > b.y && b.y + b.height - 1 > a.y;

async function box(page: Page, testIdOrSelector: string) {
  const locator = testIdOrSelector.startsWith('.')
    ? page.locator(testIdOrSelector).first()
    : page.getByTestId(testIdOrSelector);
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${testIdOrSelector} is not on screen`);
  return b;
}

describe('the app shell in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps the header on one line at 1280 px, every panel reachable, nothing overlapping', async () => {
    const page = await openApp({ width: 1280, height: 800 });
    await signIn(page, 'admin@hatang.demo');
    const header = await box(page, '.app-header');
    expect(header.height).toBeLessThan(50);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    // The admin has more panels than fit beside the title: some fold into the menu.
    const offered = await panelButtons(page);
    expect(offered).toEqual(
      expect.arrayContaining(['analysis', 'plan', 'sharing', 'tasks', 'ftth', 'colocation', 'import']),
    );
    expect(await page.getByTestId('menu-toggle').isVisible()).toBe(true);
    const brand = await box(page, '.app-header .brand');
    const visible = page.locator('[data-testid="panel-nav"] .panel-nav-list > *');
    for (let i = 0; i < (await visible.count()); i++) {
      const b = await visible.nth(i).boundingBox();
      if (!b) throw new Error('a header button has no box');
      expect(overlaps(b, brand)).toBe(false);
      expect(b.y + b.height).toBeLessThanOrEqual(header.y + header.height);
    }
    // A folded panel opens from the menu, and the menu closes behind it.
    const folded = offered.at(-1) ?? 'import';
    await clickPanelButton(page, folded);
    await page.getByTestId(`${folded}-panel`).waitFor();
    expect(await page.getByTestId('panel-nav-menu').count()).toBe(0);
    expect(await page.getByTestId('menu-toggle').getAttribute('data-active')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'shell-1280-admin.png') });
    // Escape closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId(`${folded}-panel`).count()).toBe(0);
    await page.close();
  });

  it('shows one panel at a time, closes on Escape and reopens from the address bar', async () => {
    const page = await openApp({ width: 1440, height: 900 });
    await signIn(page, 'planner@hatang.demo');
    const tower = await page.evaluate(async () => {
      const res = await fetch('/api/v1/towers?limit=1');
      const body = (await res.json()) as { features: Array<{ id: string }> };
      return body.features[0]?.id ?? '';
    });
    expect(tower).not.toBe('');
    // A link to a tower opens its panel and centres the map on it.
    await page.goto(new URL(`/?sel=towers/${tower}`, server.baseUrl).toString());
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await page.getByTestId('asset-panel').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => window.__hatangMap?.getZoom() ?? 0)).toBeGreaterThanOrEqual(16);
    // Opening a side panel closes the asset panel: never two panels over the map.
    await clickPanelButton(page, 'tasks');
    await page.getByTestId('tasks-panel').waitFor();
    expect(await page.getByTestId('asset-panel').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('panel')).toBe('tasks');
    expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
    // The view is in the address: a reload opens the same panel at the same place.
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.7, 20.86], zoom: 14.5 }));
    await expect.poll(() => new URL(page.url()).searchParams.get('map')).toBe('14.50/20.86000/106.70000');
    await page.reload();
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await page.getByTestId('tasks-panel').waitFor({ timeout: 30_000 });
    const view = await page.evaluate(() => {
      const m = window.__hatangMap;
      return m ? { zoom: m.getZoom(), lng: m.getCenter().lng, lat: m.getCenter().lat } : null;
    });
    expect(view?.zoom).toBeCloseTo(14.5, 1);
    expect(view?.lng).toBeCloseTo(106.7, 3);
    expect(view?.lat).toBeCloseTo(20.86, 3);
    // Escape in a text field only leaves the field; the next one closes the panel.
    const select = page.getByTestId('tasks-panel').locator('select').first();
    await select.focus();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('tasks-panel').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('tasks-panel').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('panel')).toBeNull();
    // A panel the user may not open is not opened by a link: sign out, follow a planner's link.
    await signOut(page);
    await page.goto(new URL('/?panel=tasks', server.baseUrl).toString());
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    expect(await page.getByTestId('tasks-panel').count()).toBe(0);
    await page.close();
  });

  it('shows the editing toolbar only to those who can edit', async () => {
    const page = await openApp({ width: 1440, height: 900 });
    expect(await page.getByTestId('undo-button').count()).toBe(0);
    await signIn(page, 'reviewer@hatang.demo');
    expect(await page.getByTestId('undo-button').count()).toBe(0);
    await signOut(page);
    await signIn(page, 'planner@hatang.demo');
    await page.getByTestId('undo-button').waitFor();
    // The plan has its own undo and redo: the map's give way while it is open.
    await clickPanelButton(page, 'plan');
    await page.getByTestId('plan-panel').waitFor();
    expect(await page.getByTestId('undo-button').count()).toBe(0);
    await page.close();
  });

  it('lets an inspector open "Vi phạm" on a phone and keep the map to tap', async () => {
    const page = await openApp({ width: 390, height: 844 });
    await signIn(page, 'inspector@hatang.demo');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await box(page, '.app-header')).height).toBeLessThan(50);
    // Every panel is in the menu on a phone.
    expect(
      await page
        .locator('[data-testid="panel-nav"] .panel-nav-list > button[data-testid$="-button"]')
        .count(),
    ).toBe(0);
    await clickPanelButton(page, 'violations');
    const panel = page.getByTestId('violations-panel');
    await panel.waitFor();
    const close = panel.locator('.dock-panel-header .icon-button');
    expect(await close.isVisible()).toBe(true);
    await page.getByTestId('violation-record').click();
    // Recording starts by choosing the place: the sheet drops and leaves the map above it.
    const map = await box(page, 'map');
    await expect.poll(async () => (await box(page, 'violations-panel')).y).toBeGreaterThan(map.y + 150);
    const sheet = await box(page, 'violations-panel');
    expect(sheet.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'shell-390-violation.png') });
    await page.mouse.click(map.x + map.width / 2, (Math.max(map.y, sheet.y - 200) + sheet.y) / 2);
    await expect.poll(() => panel.locator('.violations-form').getAttribute('class')).not.toContain('picking');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
