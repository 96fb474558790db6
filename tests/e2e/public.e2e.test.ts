/**
 * The public page (issue #17, item 4) in Chromium on a fresh server with the demo data. An admin
 * approves a plan version with items across the city and leaves a newer draft, puts undergrounding
 * candidates into the campaign (one done), and the Department's planner reports progress — all
 * through the API. Then a fresh browser context, without a session, opens `/cong-khai`: the map
 * draws (not blank) with the approved items and the communes, the indicators table and the task
 * summary show numbers, choosing a commune highlights it; the page text and every JSON answer it
 * fetched hold no confidential field; no request is refused (401/403) or fails (5xx).
 * Screenshots at 1440×900 and on a 390×844 phone, Vietnamese and English.
 */
import { join } from 'node:path';
import { type AdminUnitCollection, PUBLIC_INDICATOR_KEYS } from '@hatang/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_KEYS, keysOf } from '../integration/public-support';
import { ARTIFACTS, DEMO_PASSWORD, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
const stamp = Date.now();
const DRAFT_ITEM = `Trung tâm dữ liệu dự thảo ${stamp}`;
const APPROVED_ITEM = `Khu vực cột dùng chung ${stamp}`;
const REPORT_NOTE = `Đã trình dự thảo quy hoạch (e2e ${stamp})`;
const CAMPAIGN_NOTE = `Ghi chú nội bộ chiến dịch ${stamp}`;
/** Values only signed-in staff may see: user ids, emails, notes, the draft. */
const secrets: string[] = [DRAFT_ITEM, REPORT_NOTE, CAMPAIGN_NOTE];

/** English words of the page's English texts that must not show on a Vietnamese screen. */
const ENGLISH =
  /\b(Approved|Indicators?|Commune|Whole city|target|Tasks?|Overdue|Progress|Lead|Section|Stretches|Legend|Loading)\b/;

interface Api {
  json: <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;
  userId: string;
}

/** Signs in through the API (cookie and CSRF token kept) and calls it as that user. */
async function signInApi(email: string): Promise<Api> {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = (await login.json()) as { csrfToken: string; user: { id: string; email: string } };
  secrets.push(session.user.id, session.user.email);
  return {
    userId: session.user.id,
    json: async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

/** A small square around `[lng, lat]` (degrees). */
const square = ([x, y]: [number, number], d = 0.004) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x - d, y - d],
      [x + d, y - d],
      [x + d, y + d],
      [x - d, y + d],
      [x - d, y - d],
    ],
  ],
});

async function prepareData(): Promise<void> {
  const admin = await signInApi('admin@hatang.demo');
  const planner = await signInApi('planner@hatang.demo');
  const units = await admin.json<AdminUnitCollection>('GET', '/api/v1/admin-units');
  const places = units.features.filter((_, i) => i % 9 === 0).map((f) => f.properties.labelPoint.coordinates);
  const plans = await admin.json<{ items: { id: string; versions: { id: string; kind: string }[] }[] }>(
    'GET',
    '/api/v1/plans',
  );
  const baseline = plans.items[0]?.versions.find((v) => v.kind === 'baseline');
  if (!baseline) throw new Error('the demo plan has no baseline');
  const approved = await admin.json<{ id: string }>('POST', `/api/v1/plan-versions/${baseline.id}/fork`, {
    name: 'Phương án quy hoạch được phê duyệt (minh hoạ)',
  });
  const add = (versionId: string, feature: unknown) =>
    admin.json('POST', `/api/v1/plan-versions/${versionId}/items`, feature);
  for (const [i, place] of places.entries()) {
    const [x, y] = place as [number, number];
    if (i % 3 === 0)
      await add(approved.id, {
        type: 'Feature',
        geometry: square([x, y]),
        properties: {
          kind: 'tower_area',
          name: i === 0 ? APPROVED_ITEM : null,
          phase: '2026-2027',
          notes: CAMPAIGN_NOTE,
          attributes: { towerClass: 'A2b', maxHeightM: 45, tenantsPlanned: 3 },
        },
      });
    else if (i % 3 === 1)
      await add(approved.id, {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [x - 0.01, y - 0.004],
            [x + 0.012, y + 0.005],
          ],
        },
        properties: { kind: 'duct_route', phase: '2028-2030', attributes: { tubesTotal: 12 } },
      });
    else
      await add(approved.id, {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [x, y] },
        properties: { kind: 'wifi_point', phase: '2026-2027', attributes: { siteType: 'cultural_house' } },
      });
  }
  const current = await admin.json<{ version: number }>('GET', `/api/v1/plan-versions/${approved.id}`);
  await admin.json('POST', `/api/v1/plan-versions/${approved.id}/approve`, undefined, {
    'if-match': String(current.version),
  });
  const draft = await admin.json<{ id: string }>('POST', `/api/v1/plan-versions/${approved.id}/fork`, {
    name: 'Dự thảo điều chỉnh',
  });
  const [dx, dy] = (places[1] ?? [106.68, 20.86]) as [number, number];
  await add(draft.id, {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [dx + 0.01, dy] },
    properties: { kind: 'data_centre', name: DRAFT_ITEM, phase: '2028-2030' },
  });

  // The campaign: the three best candidates, the first done.
  const candidates = await admin.json<{
    features: { geometry: { coordinates: [number, number][] }; properties: { cableRouteId: string } }[];
  }>('GET', '/api/v1/sharing/undergrounding-candidates?limit=3');
  await admin.json('POST', '/api/v1/sharing/campaign/segments', {
    segments: candidates.features.slice(0, 3).map((f) => ({
      cableRouteId: f.properties.cableRouteId,
      coordinates: f.geometry.coordinates,
      plannedYear: 2027,
      note: CAMPAIGN_NOTE,
    })),
  });
  const segments = await admin.json<{ features: { id: string; properties: { version: number } }[] }>(
    'GET',
    '/api/v1/sharing/campaign/segments',
  );
  const first = segments.features[0];
  if (!first) throw new Error('no campaign segment');
  await admin.json(
    'PATCH',
    `/api/v1/sharing/campaign/segments/${first.id}`,
    { status: 'done' },
    {
      'if-match': String(first.properties.version),
    },
  );

  // The Department's planner reports 30 % on V.1.2.
  const tasks = await planner.json<{ tasks: { id: string; code: string }[] }>('GET', '/api/v1/plan-tasks');
  const task = tasks.tasks.find((t) => t.code === 'V.1.2');
  if (!task) throw new Error('no task V.1.2');
  await planner.json('POST', `/api/v1/plan-tasks/${task.id}/reports`, {
    status: 'in_progress',
    progressPct: 30,
    note: REPORT_NOTE,
  });
}

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
    for (let i = 0; i < data.length; i += 4)
      colours.add(
        (((data[i] ?? 0) >> 4) << 8) | (((data[i + 1] ?? 0) >> 4) << 4) | ((data[i + 2] ?? 0) >> 4),
      );
    return colours.size;
  }, png.toString('base64'));
}

/** A fresh context (no cookie) on the public page, recording every answer it gets. */
async function openPublicPage(viewport: { width: number; height: number }) {
  const context: BrowserContext = await browser.newContext({ viewport });
  const page = await context.newPage();
  const watched = watchPage(page, server.baseUrl);
  const refused: string[] = [];
  const jsonBodies: { url: string; text: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const status = response.status();
    if (status === 401 || status === 403 || status >= 500) refused.push(`${status} ${response.url()}`);
    if (/json/.test(response.headers()['content-type'] ?? ''))
      pending.push(
        response.text().then(
          (text) => void jsonBodies.push({ url: response.url(), text }),
          () => undefined,
        ),
      );
  });
  await page.goto(`${server.baseUrl}/cong-khai`);
  await page.waitForSelector('body[data-public-ready="true"]', { timeout: 120_000 });
  await page.getByTestId('public-city-row').waitFor({ timeout: 240_000 });
  await page.getByTestId('public-tasks-totals').waitFor({ timeout: 60_000 });
  await waitForMapIdle(page);
  return { context, page, watched, refused, jsonBodies, settled: () => Promise.all(pending) };
}

describe('the public page in Chromium, without a session', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    await prepareData();
    // The first table of every commune's indicators takes the analysis worker a while: start it
    // here, so the page's own request finds it built (or joins the build).
    const warm = await fetch(`${server.baseUrl}/api/v1/public/indicators`);
    expect(warm.status).toBe(200);
    await warm.arrayBuffer();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is linked from the header of the map', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    const link = page.getByTestId('public-page-link');
    await link.waitFor({ timeout: 60_000 });
    expect(await link.getAttribute('href')).toBe('/cong-khai');
    expect(await link.textContent()).toBe('Công khai');
    await context.close();
  });

  it('shows the approved plan, the indicators, the campaign and the tasks, and nothing confidential', async () => {
    const { context, page, watched, refused, jsonBodies, settled } = await openPublicPage({
      width: 1440,
      height: 900,
    });
    expect(await context.cookies()).toEqual([]);

    // The map draws the basemap, the communes and the approved plan's items; not the draft's.
    const png = await page.locator('canvas.maplibregl-canvas').screenshot();
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
    const drawn = await page.evaluate(() =>
      (
        window.__hatangMap?.queryRenderedFeatures({
          layers: ['public-plan-fill', 'public-plan-line', 'public-plan-point'],
        }) ?? []
      ).map((f) => String(f.properties.kind)),
    );
    expect(new Set(drawn)).toEqual(new Set(['tower_area', 'duct_route', 'wifi_point']));
    const communes = await page.evaluate(
      () => window.__hatangMap?.queryRenderedFeatures({ layers: ['admin-units-fill'] }).length ?? 0,
    );
    expect(communes).toBeGreaterThan(50);
    expect(await page.getByTestId('public-plan-version').textContent()).toContain(
      'Phương án quy hoạch được phê duyệt (minh hoạ)',
    );

    await page.screenshot({ path: join(ARTIFACTS, 'public-1440-city.png') });

    // Numbers in the indicators table (the city row and 114 communes) and the task summary.
    const cityCells = await page.getByTestId('public-city-row').locator('td').allTextContents();
    // One cell per public indicator.
    expect(cityCells).toHaveLength(PUBLIC_INDICATOR_KEYS.length);
    expect(cityCells[0]).toMatch(/^\d+(,\d)? %$/);
    expect(await page.getByTestId('public-commune-row').count()).toBe(114);
    expect(await page.getByTestId('public-task-section').count()).toBe(10);
    expect(await page.getByTestId('public-tasks-totals').textContent()).toMatch(
      /^\d+ nhiệm vụ · tiến độ bình quân \d/,
    );
    expect(await page.locator('li[data-code="V.1.2"]').getAttribute('data-status')).toBe('in_progress');
    expect(await page.getByTestId('public-campaign-total').textContent()).toMatch(
      /^Đã hạ ngầm \d+(,\d+)? \/ \d/,
    );

    // Choosing a commune highlights it on the map and in the table.
    const row = page.getByTestId('public-commune-row').nth(3);
    const code = await row.getAttribute('data-code');
    await row.click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await waitForMapIdle(page);
    const outline = await page.evaluate(
      () =>
        window.__hatangMap
          ?.queryRenderedFeatures({ layers: ['public-commune-selected'] })
          .map((f) => String(f.properties.code)) ?? [],
    );
    expect(new Set(outline)).toEqual(new Set([code]));
    await page.screenshot({ path: join(ARTIFACTS, 'public-1440.png') });

    // No confidential key or value in any answer the page fetched, nor in its text.
    await settled();
    const publicAnswers = jsonBodies.filter((b) => b.url.includes('/api/v1/public/'));
    expect(publicAnswers.map((b) => new URL(b.url).pathname).sort()).toEqual([
      '/api/v1/public/indicators',
      '/api/v1/public/plan',
      '/api/v1/public/tasks',
      '/api/v1/public/undergrounding',
    ]);
    for (const { url, text } of publicAnswers) {
      const keys = [...keysOf(JSON.parse(text))].filter((k) => CONFIDENTIAL_KEYS.has(k));
      expect(keys, url).toEqual([]);
    }
    const pageText = (await page.locator('body').textContent()) ?? '';
    for (const { url, text } of jsonBodies)
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${url}`).toBe(false);
    for (const secret of secrets) expect(pageText).not.toContain(secret);
    expect(pageText).toContain('Chỉ tiêu đến năm 2030');
    expect((await page.locator('.public-panels').textContent()) ?? '').not.toMatch(ENGLISH);

    expect(refused).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);

    // English on request.
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.getByTestId('public-indicators').locator('h2').textContent())
      .toBe('Indicators against the 2030 targets, by commune');
    await page.screenshot({ path: join(ARTIFACTS, 'public-1440-en.png') });
    await context.close();
  });

  it('stacks the panels below the map on a phone, nothing overlapping', async () => {
    const { context, page, refused } = await openPublicPage({ width: 390, height: 844 });
    const box = async (testId: string) => {
      const b = await page.getByTestId(testId).boundingBox();
      if (!b) throw new Error(`${testId} has no box`);
      return b;
    };
    const map = await box('public-map');
    const plan = await box('public-plan');
    expect(map.width).toBeLessThanOrEqual(390);
    expect(plan.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    const indicators = await box('public-indicators');
    const campaign = await box('public-undergrounding');
    const tasks = await box('public-tasks');
    expect(indicators.y).toBeGreaterThanOrEqual(plan.y + plan.height - 1);
    expect(campaign.y).toBeGreaterThanOrEqual(indicators.y + indicators.height - 1);
    expect(tasks.y).toBeGreaterThanOrEqual(campaign.y + campaign.height - 1);
    // Nothing wider than the phone (the wide tables scroll inside their frame).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'public-390.png') });
    await page.getByTestId('public-indicators').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'public-390-indicators.png') });
    await page.getByTestId('public-tasks').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'public-390-tasks.png') });
    expect(refused).toEqual([]);
    await context.close();
  });
});
