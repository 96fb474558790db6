/**
 * Co-location round trip in Chromium on a fresh server with the demo data: operator A (Sông)
 * clicks operator B's (Biển) tower with a free tenant slot (chosen through the API, so the test is
 * deterministic) on the map, opens the request form from its panel and sends it; B signs in, sees
 * the bell's count and the request in the inbox (list and map marker), accepts it; the tower's
 * tenants (asset panel) and free capacity change; the planner's oversight table counts it.
 */
import { join } from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  clickPanelButton,
  DEMO_PASSWORD,
  signIn,
  signOut,
  startE2e,
  waitForMapIdle,
  watchPage,
} from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];

interface TowerPick {
  id: string;
  code: string;
  position: [number, number];
  heightM: number;
  tenantsMax: number;
  tenantCount: number;
  ownerOrgId: string;
}
let tower: TowerPick;
/** The planner's own session (not the page's), to read confidential tenancies. */
let plannerContext: BrowserContext;
let freeBefore: { tenants: number; antennas: number };
let requestId = '';

/** Flies the map to `lngLat`, waits until it is drawn, and clicks there. */
async function flyAndClick(p: Page, lngLat: [number, number], zoom = 17): Promise<void> {
  await p.evaluate(
    ([c, z]) =>
      new Promise<void>((resolve) => {
        const map = window.__hatangMap;
        if (!map) throw new Error('window.__hatangMap is not set');
        map.once('moveend', () => resolve());
        map.flyTo({ center: c, zoom: z, duration: 600 });
      }),
    [lngLat, zoom] as const,
  );
  await waitForMapIdle(p);
  const point = await p.evaluate((c) => window.__hatangMap?.project(c), lngLat);
  const box = await p.locator('canvas.maplibregl-canvas').boundingBox();
  if (!point || !box) throw new Error('no map to click');
  await p.mouse.click(box.x + point.x, box.y + point.y);
}

interface TowerDetail {
  tenancies: { operatorOrgId: string; antennaCount: number }[];
  tenantsMax: number;
  antennaSlotsTotal: number;
}

/** A tower as the planner sees it (tenancies included), through a session of its own. */
async function towerAsPlanner(planner: APIRequestContext, id: string): Promise<TowerDetail> {
  const response = await planner.get(`${server.baseUrl}/api/v1/towers/${id}`);
  const body = (await response.json()) as { properties: Record<string, unknown> };
  const p = body.properties;
  return {
    tenancies: Array.isArray(p.tenancies) ? (p.tenancies as TowerDetail['tenancies']) : [],
    tenantsMax: Number(p.tenantsMax),
    antennaSlotsTotal: Number(p.antennaSlotsTotal),
  };
}

const freeSlots = (t: TowerDetail) => ({
  tenants: t.tenantsMax - t.tenancies.length,
  antennas: t.antennaSlotsTotal - t.tenancies.reduce((s, x) => s + x.antennaCount, 0),
});

/**
 * Biển Mobile's first existing ground tower (by code) at least 20 m tall with a free tenant slot
 * and a free antenna position, where Sông Telecom is not a tenant yet (tenancies are confidential:
 * read as the planner, in a session apart from the page's).
 */
async function pickTower(planner: APIRequestContext): Promise<TowerPick> {
  type Org = { id: string; code: string };
  type Point = {
    id: string;
    geometry: { coordinates: [number, number] };
    properties: Record<string, unknown>;
  };
  const orgs = (await (await planner.get(`${server.baseUrl}/api/v1/organisations`)).json()) as {
    items: Org[];
  };
  const bien = orgs.items.find((o) => o.code === 'OP-BIEN');
  const song = orgs.items.find((o) => o.code === 'OP-SONG');
  if (!bien || !song) throw new Error('no OP-BIEN / OP-SONG organisation in the demo data');
  const url = `${server.baseUrl}/api/v1/towers?ownerOrgId=${bien.id}&status=existing&limit=10000`;
  const body = (await (await planner.get(url)).json()) as { features: Point[] };
  const candidates = body.features
    .filter((f) => f.properties.placement === 'ground' && Number(f.properties.heightM) >= 20)
    .sort((a, b) => String(a.properties.code).localeCompare(String(b.properties.code)));
  for (const f of candidates) {
    const detail = await towerAsPlanner(planner, String(f.id));
    const free = freeSlots(detail);
    if (free.tenants < 1 || free.antennas < 1) continue;
    if (detail.tenancies.some((x) => x.operatorOrgId === song.id)) continue;
    return {
      id: String(f.id),
      code: String(f.properties.code),
      position: f.geometry.coordinates,
      heightM: Number(f.properties.heightM),
      tenantsMax: detail.tenantsMax,
      tenantCount: detail.tenancies.length,
      ownerOrgId: bien.id,
    };
  }
  throw new Error('no Biển tower with a free slot and without Sông in the demo data');
}

/** Opens the co-location panel (it stays open across sign-out/in when it was open). */
async function openColocation(p: Page): Promise<void> {
  if (!(await p.getByTestId('colocation-panel').isVisible())) await clickPanelButton(p, 'colocation');
  await p.getByTestId('colocation-panel').waitFor();
}

describe('co-location requests in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
    const watched = watchPage(page, server.baseUrl);
    foreignRequests = watched.foreignRequests;
    pageErrors = watched.pageErrors;
    plannerContext = await browser.newContext();
    const login = await plannerContext.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { email: 'planner@hatang.demo', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`planner login failed: ${login.status()}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('operator A requests a slot on operator B’s tower from the map', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'editor.song@hatang.demo');
    tower = await pickTower(plannerContext.request);
    freeBefore = freeSlots(await towerAsPlanner(plannerContext.request, tower.id));
    console.log(
      `tower ${tower.code} (${tower.heightM} m, ${tower.tenantCount}/${tower.tenantsMax} tenants) at ${tower.position.join(',')}`,
    );

    await flyAndClick(page, tower.position);
    await expect
      .poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 })
      .toBe(tower.code);
    // Before asking, the panel says how much room the owner's figures leave.
    const free = page.getByTestId('free-capacity');
    expect(await free.getAttribute('data-free')).toBe(String(tower.tenantsMax - tower.tenantCount));
    expect(await free.textContent()).toBe(
      `Còn trống ${tower.tenantsMax - tower.tenantCount}/${tower.tenantsMax} vị trí dùng chung`,
    );
    await page.getByTestId('request-colocation').click();

    const panel = page.getByTestId('colocation-panel');
    await panel.waitFor();
    const targets = page.getByTestId('colocation-targets').locator('li');
    expect(await targets.count()).toBe(1);
    expect(await targets.first().getAttribute('data-id')).toBe(tower.id);
    expect(await targets.first().textContent()).toContain(tower.code);

    const form = page.getByTestId('colocation-form');
    await form.locator('select[name="technology"]').selectOption('4G');
    await form.locator('input[name="antennaCount"]').fill('1');
    await form.locator('input[name="mountHeightM"]').fill(String(Math.floor(tower.heightM - 2)));
    // The justification is required: sending without it shows the problem, nothing is sent.
    await page.getByTestId('colocation-submit').click();
    await expect.poll(() => form.locator('.field-problem').count()).toBeGreaterThan(0);
    await form
      .locator('textarea[name="justification"]')
      .fill('Phủ sóng 4G khu dân cư mới / 4G for a new housing area');
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-form.png') });
    await page.getByTestId('colocation-submit').click();

    const created = page.getByTestId('request-created');
    await created.waitFor({ timeout: 20_000 });
    expect(await created.getByTestId('capacity-check').getAttribute('data-fits')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-submitted.png') });

    // The outgoing box lists it, waiting for Biển's answer.
    await page.getByTestId('colocation-tab-outgoing').click();
    const row = page.getByTestId('colocation-list-outgoing').getByTestId('request-row').first();
    await row.waitFor();
    requestId = String(await row.getAttribute('data-request-id'));
    expect(await row.getByTestId('request-status').getAttribute('data-status')).toBe('submitted');
    expect(await row.textContent()).toContain(tower.code);
  });

  it('operator B sees the bell count and the request in the inbox and on the map, and accepts it', async () => {
    await signOut(page);
    await signIn(page, 'editor.bien@hatang.demo');
    const bell = page.getByTestId('notification-bell');
    await expect
      .poll(() => page.getByTestId('notification-count').textContent(), { timeout: 20_000 })
      .toMatch(/^[1-9]/);
    await bell.click();
    const notice = page
      .getByTestId('notification-list')
      .locator('[data-testid="notification"][data-kind="colocation_new"]');
    await notice.first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-bell.png') });
    await bell.click();

    // The tower's panel (still open from A's click) would hide the marker under it.
    const assetPanel = page.getByTestId('asset-panel');
    if (await assetPanel.isVisible()) await assetPanel.getByRole('button', { name: /Đóng|Close/ }).click();
    await openColocation(page);
    await page.getByTestId('colocation-tab-inbox').click();
    const inbox = page.getByTestId('colocation-list-inbox');
    const row = inbox.locator(`[data-request-id="${requestId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toMatch(/Sông Telecom/);
    // A marker at the tower for the open request.
    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 15 }), tower.position);
    await waitForMapIdle(page);
    await expect
      .poll(
        () =>
          page.evaluate(
            (id) =>
              (window.__hatangMap?.queryRenderedFeatures({ layers: ['colocation-requests'] }) ?? []).filter(
                (f) => f.properties.id === id,
              ).length,
            requestId,
          ),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-inbox.png') });

    await row.click();
    const detail = page.getByTestId('request-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('detail-requester').textContent()).toMatch(/Sông Telecom/);
    expect(await detail.getByTestId('capacity-check').getAttribute('data-fits')).toBe('true');
    await expect
      .poll(() => detail.getByTestId('rent-per-year').textContent(), { timeout: 15_000 })
      .toMatch(/\d/);
    expect(await detail.getByTestId('rent-formula').textContent()).not.toBe('');
    await page.getByTestId('action-accept').click();
    await page.getByTestId('action-confirm').click();
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 20_000 }).toBe('accepted');
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-accepted.png') });
  });

  it('shows a clear conflict when the request changed while the owner answered', async () => {
    // A second request from Sông, sent through the API in a session of Sông's own.
    const song = await browser.newContext();
    const login = await song.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { email: 'editor.song@hatang.demo', password: DEMO_PASSWORD },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const created = await song.request.post(`${server.baseUrl}/api/v1/colocation-requests`, {
      headers,
      data: {
        target: { kind: 'tower', id: tower.id, technology: '5G', antennaCount: 1, mountHeightM: 10 },
        justification: 'Thêm 5G / adding 5G',
        desiredStartDate: '2027-01-15',
      },
    });
    expect(created.status()).toBe(201);
    const second = (await created.json()) as { id: string; version: number };

    // B opens it from the inbox…
    await page.getByTestId('request-back').click();
    await page
      .getByTestId('colocation-panel')
      .getByRole('button', { name: /Đóng|Close/ })
      .click();
    await openColocation(page);
    await page.getByTestId('colocation-tab-inbox').click();
    await page.getByTestId('colocation-list-inbox').locator(`[data-request-id="${second.id}"]`).click();
    const detail = page.getByTestId('request-detail');
    await expect.poll(() => detail.getAttribute('data-request-id')).toBe(second.id);
    await page.getByTestId('action-accept').click();
    // …while Sông withdraws it.
    const withdrawn = await song.request.post(
      `${server.baseUrl}/api/v1/colocation-requests/${second.id}/withdraw`,
      { headers: { ...headers, 'if-match': `"${second.version}"` }, data: {} },
    );
    expect(withdrawn.status()).toBe(200);
    await song.close();
    await page.getByTestId('action-confirm').click();
    const conflict = page.getByTestId('action-conflict');
    await conflict.waitFor({ timeout: 20_000 });
    expect(await conflict.textContent()).toMatch(/Xung đột|Conflict/);
    // The request reloads as it is now: withdrawn, nothing left to answer.
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 20_000 }).toBe('withdrawn');
    expect(await page.getByTestId('action-accept').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-conflict.png') });
  });

  it('the tower’s tenants and free capacity change', async () => {
    // The panel closes; the owner opens the tower on the map and sees Sông among its tenants.
    await page
      .getByTestId('colocation-panel')
      .getByRole('button', { name: /Đóng|Close/ })
      .click();
    await flyAndClick(page, tower.position);
    await expect
      .poll(() => page.getByTestId('asset-code').textContent(), { timeout: 20_000 })
      .toBe(tower.code);
    const tenancies = page.getByTestId('asset-panel').locator('section.tenancies');
    await expect
      .poll(() => tenancies.locator('tbody tr').count(), { timeout: 20_000 })
      .toBe(tower.tenantCount + 1);
    expect(await tenancies.textContent()).toMatch(/Sông Telecom/);
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-tenants.png') });
    // Free capacity: one tenant slot and one antenna position fewer.
    const freeAfter = freeSlots(await towerAsPlanner(plannerContext.request, tower.id));
    expect(freeAfter).toEqual({ tenants: freeBefore.tenants - 1, antennas: freeBefore.antennas - 1 });
  });

  it('operator A gets the answer in the bell and opens the request from it', async () => {
    await signOut(page);
    await signIn(page, 'editor.song@hatang.demo');
    await expect
      .poll(() => page.getByTestId('notification-count').textContent(), { timeout: 20_000 })
      .toMatch(/^[1-9]/);
    await page.getByTestId('notification-bell').click();
    const answer = page
      .getByTestId('notification-list')
      .locator('[data-testid="notification"][data-kind="colocation_answer"]')
      .first();
    await answer.locator('button').first().click();
    const detail = page.getByTestId('request-detail');
    await detail.waitFor({ timeout: 20_000 });
    expect(await detail.getAttribute('data-request-id')).toBe(requestId);
    expect(await detail.getAttribute('data-status')).toBe('accepted');
    // It is A's own request: the panel shows the outgoing box.
    await expect
      .poll(() => page.getByTestId('colocation-tab-outgoing').getAttribute('aria-selected'))
      .toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-answer.png') });
  });

  it('the planner’s oversight table counts the accepted request', async () => {
    await signOut(page);
    await signIn(page, 'planner@hatang.demo');
    await openColocation(page);
    await page.getByTestId('colocation-tab-oversight').click();
    const row = page.getByTestId('oversight-table').locator(`[data-owner="${tower.ownerOrgId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(Number(await row.locator('[data-col="received"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await row.locator('[data-col="answered"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(await row.locator('[data-col="acceptance"]').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('oversight-csv').getAttribute('href')).toContain('format=csv');
    const csv = await page.evaluate(async () =>
      (await fetch('/api/v1/colocation-requests/oversight?format=csv')).text(),
    );
    expect(csv).toMatch(/Biển Mobile/);
    await page.screenshot({ path: join(ARTIFACTS, 'colocation-oversight.png') });

    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
