/**
 * Commune inspections in Chromium on a fresh server with the demo data: the demo inspector records
 * an open manhole with a photo (a real PNG made here) by clicking the map inside their commune,
 * sees it in the list and on the map; then the demo planner finds it and marks it notified.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../integration/violations-png';
import { ARTIFACTS, clickPanelButton, signIn, signOut, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const DESCRIPTION = `Nắp hố ga bị vỡ trước nhà văn hoá (e2e ${Date.now()})`;
let commune = '';
let violationId = '';

/** Statuses of the violations drawn on the map now, by id. */
const renderedViolations = (p: Page) =>
  p.evaluate(() =>
    Object.fromEntries(
      (window.__hatangMap?.queryRenderedFeatures({ layers: ['violations-points'] }) ?? []).map((f) => [
        String(f.properties.id),
        String(f.properties.status),
      ]),
    ),
  );

describe('commune inspections in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
    const watched = watchPage(page, server.baseUrl);
    foreignRequests = watched.foreignRequests;
    pageErrors = watched.pageErrors;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the demo inspector record an open manhole with a photo by clicking the map in their commune', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'inspector@hatang.demo');
    await clickPanelButton(page, 'violations');
    const panel = page.getByTestId('violations-panel');
    await panel.waitFor();
    await expect.poll(() => panel.locator('h2').textContent()).toMatch(/Vi phạm|violations/);

    // The inspector's commune and a point inside it (its label point), from the API.
    const unit = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as {
        user: { adminUnitCode: string | null };
      };
      const code = me.user.adminUnitCode;
      if (!code) throw new Error('the demo inspector has no commune');
      const body = (await (await fetch(`/api/v1/admin-units/${code}`)).json()) as {
        properties: { name: string; labelPoint: { coordinates: [number, number] } };
      };
      return { code, name: body.properties.name, at: body.properties.labelPoint.coordinates };
    });
    commune = unit.code;
    console.log(`inspector's commune ${unit.code} ${unit.name}, clicking at ${unit.at.join(',')}`);
    await expect.poll(() => page.getByTestId('violations-own-commune').textContent()).toContain(unit.name);

    await page.getByTestId('violation-record').click();
    const form = page.getByTestId('violation-form');
    await form.waitFor();
    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 15 }), unit.at);
    await waitForMapIdle(page);
    // A little south-east of the label point (the commune centre's key-site marker sits on it).
    const target = await page.evaluate((c) => {
      const map = window.__hatangMap;
      if (!map) throw new Error('no map');
      const p = map.project(c);
      const box = map.getCanvas().getBoundingClientRect();
      const at = map.unproject([p.x + 70, p.y + 50]).toArray();
      return { x: box.left + p.x + 70, y: box.top + p.y + 50, at };
    }, unit.at);
    await page.mouse.click(target.x, target.y);
    await expect
      .poll(() => page.getByTestId('violation-place').textContent())
      .toMatch(/^\d+\.\d+, \d+\.\d+$/);
    // The point is where the inspector clicked (within a pixel at zoom 15: ~5 m).
    const [lng, lat] = ((await page.getByTestId('violation-place').textContent()) ?? '')
      .split(', ')
      .map(Number);
    expect(Math.abs((lng ?? 0) - (target.at[0] ?? 0))).toBeLessThan(0.00005);
    expect(Math.abs((lat ?? 0) - (target.at[1] ?? 0))).toBeLessThan(0.00005);
    // No asset or commune panel opened under the click.
    expect(await page.locator('.side-panel').count()).toBe(0);

    await page.getByTestId('violation-kind').selectOption('open_or_damaged_manhole');
    await page.getByTestId('violation-description').fill(DESCRIPTION);
    // A file that is not a photo is refused at once, with its name and type.
    await page.getByTestId('violation-photos').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a photo'),
    });
    await expect.poll(() => page.getByTestId('violation-photo-errors').textContent()).toContain('notes.txt');
    expect(await page.getByTestId('violation-save').isDisabled()).toBe(true);
    await page.getByTestId('violation-photos').setInputFiles({
      name: 'ho-ga.png',
      mimeType: 'image/png',
      buffer: Buffer.from(solidPng(64, 48, [180, 60, 30])),
    });
    expect(await page.getByTestId('violation-photo-errors').count()).toBe(0);
    await page.getByTestId('violation-save').click();

    const detail = page.getByTestId('violation-detail');
    await detail.waitFor({ timeout: 30_000 });
    expect(await detail.getAttribute('data-status')).toBe('reported');
    const photo = page.getByTestId('violation-photo');
    await photo.waitFor({ timeout: 20_000 });
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(64);
    await expect.poll(() => page.getByTestId('violation-history').locator('li').count()).toBe(1);

    await page.getByTestId('violation-back').click();
    const row = page.getByTestId('violation-row').filter({ hasText: DESCRIPTION });
    await row.waitFor();
    violationId = (await row.getAttribute('data-id')) ?? '';
    expect(violationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitForMapIdle(page);
    await expect.poll(async () => (await renderedViolations(page))[violationId]).toBe('reported');
    await page.screenshot({ path: join(ARTIFACTS, 'violations-inspector.png') });
  });

  it('lets the demo planner find it in the commune and mark it notified', async () => {
    await signOut(page);
    await signIn(page, 'planner@hatang.demo');
    const panel = page.getByTestId('violations-panel');
    if (!(await panel.isVisible())) await clickPanelButton(page, 'violations');
    await panel.waitFor();
    await page.getByTestId('violations-commune').selectOption(commune);
    const row = page.locator(`[data-testid="violation-row"][data-id="${violationId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-status')).toBe('reported');
    await row.click();
    const detail = page.getByTestId('violation-detail');
    await detail.waitFor();
    await page.getByTestId('violation-note').fill('Đã gửi công văn cho đơn vị quản lý');
    await page.getByTestId('violation-notify').click();
    await expect.poll(() => detail.getAttribute('data-status')).toBe('notified');
    await expect.poll(() => page.getByTestId('violation-history').locator('li').count()).toBe(2);
    await expect.poll(() => page.getByTestId('violation-resolve').count()).toBe(1);
    await waitForMapIdle(page);
    await expect.poll(async () => (await renderedViolations(page))[violationId]).toBe('notified');
    await page.screenshot({ path: join(ARTIFACTS, 'violations-planner.png') });
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(await page.locator('text=/MapLibre:/').count()).toBe(0);
  });
});
