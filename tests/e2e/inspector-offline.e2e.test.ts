/**
 * The inspector on a phone without a network (issue #18 item 5), in Chromium at 390×844 on a fresh
 * server with the demo data: the demo inspector signs in online (the service worker installs and
 * the violations list is kept), the phone goes offline (Playwright's `context.setOffline`), the app
 * reloads from the service worker, the inspector records a violation with a photo by tapping the
 * map in their commune, sees it queued in the browser's own IndexedDB, and once back online sees
 * it sent: the badge gone, the report in the list, its photo on the server.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../integration/violations-png';
import { ARTIFACTS, clickPanelButton, signIn, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const DESCRIPTION = `Cáp treo võng thấp qua đường, ghi khi mất mạng (e2e ${Date.now()})`;
let unit: { code: string; name: string; at: [number, number] };

/** A step's budget: a loaded 2-core machine renders the map in software slowly (not a speed check). */
const STEP_MS = 600_000;

type Listed = { features: { id: string; properties: { description: string } }[] };

/** The violations the server holds with this test's description (as the inspector reads them). */
const serverCopies = (p: Page) =>
  p.evaluate(
    async ({ code, description }) => {
      const body = (await (await fetch(`/api/v1/violations?adminUnitCode=${code}`)).json()) as Listed;
      return body.features.filter((f) => f.properties.description === description).map((f) => f.id);
    },
    { code: unit.code, description: DESCRIPTION },
  );

/**
 * Offline the asset layers cannot load (their answers depend on the user and are not cached), so
 * `data-map-ready` (which waits for the towers) never comes: wait for the basemap and the communes.
 */
async function waitForOfflineMap(p: Page): Promise<void> {
  await expect
    .poll(
      () =>
        p.evaluate(() => {
          const map = window.__hatangMap;
          if (!map?.isStyleLoaded()) return 0;
          return map.queryRenderedFeatures({ layers: ['land', 'admin-units-fill'] }).length;
        }),
      { timeout: 120_000, interval: 1000 },
    )
    .toBeGreaterThan(0);
}

/** Opens the violations panel unless the reloaded page already shows it (the URL keeps it). */
async function openViolations(p: Page): Promise<void> {
  const panel = p.getByTestId('violations-panel');
  if (!(await panel.isVisible())) await clickPanelButton(p, 'violations');
  await panel.waitFor();
}

describe('the inspector on a phone, offline', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    ({ foreignRequests, pageErrors } = watchPage(page, server.baseUrl));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.log(`[page ${m.type()}] ${m.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  }, STEP_MS);

  it(
    'signs in online and installs the app for offline use',
    async () => {
      await page.goto(server.baseUrl);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await signIn(page, 'inspector@hatang.demo');
      // The service worker precached the shell and now controls the page.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      // A manifest that Chromium accepts: name, icons, standalone.
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector('link[rel="manifest"]')?.getAttribute('href') ?? '';
        const response = await fetch(link);
        return {
          type: response.headers.get('content-type'),
          body: (await response.json()) as { display: string; icons: unknown[] },
        };
      });
      expect(manifest.type).toBe('application/manifest+json');
      expect(manifest.body.display).toBe('standalone');
      expect(manifest.body.icons.length).toBeGreaterThanOrEqual(2);

      unit = await page.evaluate(async () => {
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
      console.log(`inspector's commune ${unit.code} ${unit.name}`);
      // Once more online under the service worker: the reference data and glyphs go through it.
      await page.reload();
      console.log('reloaded online');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await page.getByTestId('user-name').waitFor({ state: 'attached', timeout: 20_000 });
      console.log('signed in after reload');
      await openViolations(page);
      await expect.poll(() => page.getByTestId('violations-own-commune').textContent()).toContain(unit.name);
      await page.getByTestId('violations-count').waitFor({ timeout: 30_000 });
      console.log('list shown');
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-online-list-390.png') });
    },
    STEP_MS,
  );

  it(
    'opens offline from the service worker, with the last list labelled as a kept copy',
    async () => {
      await context.setOffline(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await page.reload();
      await waitForOfflineMap(page);
      // Still signed in as the inspector (the kept session), with the offline badge.
      await page.getByTestId('user-name').waitFor({ state: 'attached', timeout: 20_000 });
      await page.getByTestId('offline-indicator').waitFor();
      await openViolations(page);
      await page.getByTestId('violations-offline-copy').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('violations-offline-copy').textContent()).toMatch(
        /Bản lưu lúc .*\d{2}:\d{2}/,
      );
      // The offline basemap and the commune boundaries draw from the cache (no blank map).
      await waitForMapIdle(page);
      const drawn = await page.evaluate(
        () => window.__hatangMap?.queryRenderedFeatures({ layers: ['land', 'admin-units-fill'] }).length ?? 0,
      );
      expect(drawn).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-offline-list-390.png') });
    },
    STEP_MS,
  );

  it(
    'records a violation with a photo by tapping the map while offline, and queues it',
    async () => {
      await page.getByTestId('violation-record').click();
      await page.getByTestId('violation-form').waitFor();
      // Bring a point a little off the commune's label point into the map above the sheet.
      await page.evaluate((c) => {
        const map = window.__hatangMap;
        if (!map) throw new Error('no map');
        map.jumpTo({ center: c, zoom: 17 });
        map.panBy([0, 170], { duration: 0 });
      }, unit.at);
      await waitForMapIdle(page);
      const target = await page.evaluate((c) => {
        const map = window.__hatangMap;
        if (!map) throw new Error('no map');
        const p = map.project(c);
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + p.x + 30, y: box.top + p.y + 25 };
      }, unit.at);
      // Above the sheet (it drops to the lower half while a place is being chosen).
      const sheetTop = await page
        .getByTestId('violations-panel')
        .evaluate((el) => el.getBoundingClientRect().top);
      expect(target.y).toBeLessThan(sheetTop);
      await page.touchscreen.tap(target.x, target.y);
      await expect
        .poll(() => page.getByTestId('violation-place').textContent())
        .toMatch(/^\d+\.\d+, \d+\.\d+/);

      await page.getByTestId('violation-kind').selectOption('dangerous_overhead_cable');
      await page.getByTestId('violation-description').fill(DESCRIPTION);
      // The camera button speaks Vietnamese; the native file input (English "Choose Files") is hidden.
      expect(await page.getByTestId('violation-photo-button').textContent()).toContain('Chụp hoặc chọn ảnh');
      const input = await page.getByTestId('violation-photos').boundingBox();
      expect(input?.width ?? 0).toBeLessThanOrEqual(1);
      await page.getByTestId('violation-photos').setInputFiles({
        name: 'cap-treo.png',
        mimeType: 'image/png',
        buffer: Buffer.from(solidPng(80, 60, [40, 90, 160])),
      });
      await page.getByTestId('violation-photo-list').waitFor();
      // Primary actions at the bottom of the phone, thumb-sized.
      const save = await page.getByTestId('violation-save').boundingBox();
      const locate = await page.getByTestId('violation-locate').boundingBox();
      expect(save?.height ?? 0).toBeGreaterThanOrEqual(44);
      expect(locate?.height ?? 0).toBeGreaterThanOrEqual(44);
      expect((save?.y ?? 0) + (save?.height ?? 0)).toBeLessThanOrEqual(844);
      expect(save?.y ?? 0).toBeGreaterThan(844 / 2);
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-offline-form-390.png') });

      await page.getByTestId('violation-save').click();
      await page.getByTestId('violation-queued-notice').waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId('sync-waiting').textContent()).toBe('Chờ đồng bộ (1)');
      const queued = page.getByTestId('queued-violation');
      await expect.poll(() => queued.count()).toBe(1);
      expect(await queued.getAttribute('data-state')).toBe('waiting');
      expect(await queued.textContent()).toContain(DESCRIPTION);

      // It is in the browser's own IndexedDB with its photo, and survives a reload offline.
      const stored = await page.evaluate(
        () =>
          new Promise<{ n: number; photoBytes: number }>((resolve, reject) => {
            const open = indexedDB.open('hatang-offline');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('queue').objectStore('queue').getAll();
              all.onsuccess = () => {
                const items = all.result as { photos: { blob: Blob }[] }[];
                resolve({ n: items.length, photoBytes: items[0]?.photos[0]?.blob.size ?? 0 });
                open.result.close();
              };
            };
          }),
      );
      expect(stored.n).toBe(1);
      expect(stored.photoBytes).toBeGreaterThan(0);
      await page.reload();
      await waitForOfflineMap(page);
      await expect
        .poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 20_000 })
        .toBe('Chờ đồng bộ (1)');
      await openViolations(page);
      await page.getByTestId('queued-violation').waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-offline-queued-390.png') });
    },
    STEP_MS,
  );

  it(
    'sends the queued violation with its photo once back online',
    async () => {
      await context.setOffline(false);
      // The online event sends the queue: the badge goes, the report shows in the list.
      await expect.poll(() => page.getByTestId('sync-badge').count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => page.getByTestId('queued-violation').count()).toBe(0);
      const row = page.getByTestId('violation-row').filter({ hasText: DESCRIPTION });
      await row.waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('violations-offline-copy').count()).toBe(0);
      // The layers that failed offline load again; their offline failures are not listed.
      await expect.poll(() => page.getByTestId('error-banner').count(), { timeout: 60_000 }).toBe(0);

      // On the server: one report (not two), in the inspector's commune, with the photo attached.
      const ids = await serverCopies(page);
      expect(ids).toHaveLength(1);
      const photos = await page.evaluate(async (id) => {
        const body = (await (await fetch(`/api/v1/violations/${id}/attachments`)).json()) as {
          items: { fileName: string; mediaType: string; purpose: string }[];
        };
        return body.items;
      }, ids[0]);
      expect(photos).toEqual([
        expect.objectContaining({ fileName: 'cap-treo.png', mediaType: 'image/png', purpose: 'photo' }),
      ]);
      await waitForMapIdle(page);
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-synced-390.png') });
      expect(pageErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'shows the same panel on a 1400×900 desktop',
    async () => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await waitForMapIdle(page);
      await page.getByTestId('violation-row').filter({ hasText: DESCRIPTION }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-synced-1400.png') });
    },
    STEP_MS,
  );
});
