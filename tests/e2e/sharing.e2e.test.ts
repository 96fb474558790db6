/**
 * The sharing panel in Chromium on a fresh server with the demo data: the demo planner plans a
 * route between two manholes at the ends of an existing duct with spare tubes (chosen from the API,
 * so the test is deterministic) and sees it drawn on the map with its lengths and counterparts;
 * then checks tower sharing at an existing tower's position and sees that tower listed; puts an
 * undergrounding candidate into the cleanup campaign, sets it done and sees the year's km done
 * change; downloads the campaign as CSV.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
/** Midpoint of the planned route: a street-level view with ducts. */
let routeCentre: [number, number] = [0, 0];

/** Kinds of the route legs drawn on the map now. */
const renderedRouteKinds = (p: Page) =>
  p.evaluate(() =>
    (window.__hatangMap?.queryRenderedFeatures({ layers: ['sharing-route-line'] }) ?? []).map((f) =>
      String(f.properties.kind),
    ),
  );

/** Two manholes at the two ends of the longest existing duct with a spare tube, `[lng, lat]`. */
function pickManholes(p: Page) {
  return p.evaluate(async () => {
    type Line = { geometry: { coordinates: [number, number][] }; properties: Record<string, unknown> };
    type Point = { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> };
    const ducts = (await (await fetch('/api/v1/ducts?limit=10000')).json()) as { features: Line[] };
    const lengthOf = (c: [number, number][]) =>
      c.slice(1).reduce((s, q, i) => {
        const a = c[i] as [number, number];
        const dx = (q[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180) * 111_320;
        const dy = (q[1] - a[1]) * 110_540;
        return s + Math.hypot(dx, dy);
      }, 0);
    const spare = ducts.features
      .filter(
        (d) =>
          d.properties.status === 'existing' &&
          Number(d.properties.tubesTotal) - Number(d.properties.tubesUsed) > 0 &&
          lengthOf(d.geometry.coordinates) < 2000,
      )
      .sort((a, b) => lengthOf(b.geometry.coordinates) - lengthOf(a.geometry.coordinates));
    const duct = spare[0];
    if (!duct) throw new Error('no existing duct with a spare tube in the demo data');
    const c = duct.geometry.coordinates;
    const ends = [c[0], c[c.length - 1]] as [number, number][];
    const nearest = async ([lng, lat]: [number, number]): Promise<[number, number]> => {
      const d = 0.002;
      const url = `/api/v1/manholes?bbox=${[lng - d, lat - d, lng + d, lat + d].join(',')}`;
      const body = (await (await fetch(url)).json()) as { features: Point[] };
      const best = body.features
        .map((m) => ({ m, d: Math.hypot(m.geometry.coordinates[0] - lng, m.geometry.coordinates[1] - lat) }))
        .sort((x, y) => x.d - y.d)[0];
      return best ? best.m.geometry.coordinates : [lng, lat];
    };
    return {
      duct: String(duct.properties.code),
      lengthM: lengthOf(c),
      a: await nearest(ends[0] as [number, number]),
      b: await nearest(ends[1] as [number, number]),
    };
  });
}

/** The first existing tower by code. */
function pickTower(p: Page) {
  return p.evaluate(async () => {
    type Point = { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> };
    const body = (await (await fetch('/api/v1/towers?limit=10000')).json()) as { features: Point[] };
    const tower = body.features
      .filter((t) => t.properties.status === 'existing' && typeof t.properties.code === 'string')
      .sort((a, b) => String(a.properties.code).localeCompare(String(b.properties.code)))[0];
    if (!tower) throw new Error('no existing tower in the demo data');
    return { code: String(tower.properties.code), position: tower.geometry.coordinates };
  });
}

describe('the sharing panel in Chromium', () => {
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

  it('plans a route between two manholes of the demo network and shows it on the map', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'planner@hatang.demo');
    await clickPanelButton(page, 'sharing');
    const panel = page.getByTestId('sharing-panel');
    await panel.waitFor();
    await expect
      .poll(() => panel.locator('h2').textContent())
      .toMatch(/Cơ hội dùng chung|Sharing opportunities/);

    const { duct, lengthM, a, b } = await pickManholes(page);
    routeCentre = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    console.log(`route along duct ${duct} (${Math.round(lengthM)} m) from ${a.join(',')} to ${b.join(',')}`);
    await page.getByTestId('route-stop-0').fill(`${a[0]}, ${a[1]}`);
    await page.getByTestId('route-stop-1').fill(`${b[0]}, ${b[1]}`);
    await page.getByTestId('route-run').click();
    await page.getByTestId('route-result').waitFor({ timeout: 30_000 });
    await waitForMapIdle(page);

    // The route is drawn, and runs at least partly in an existing duct.
    await expect.poll(() => renderedRouteKinds(page), { timeout: 15_000 }).toContain('duct');
    const lengths = page.getByTestId('route-lengths');
    expect(await lengths.locator('tr[data-kind="duct"]').count()).toBe(1);
    expect(await lengths.textContent()).toMatch(
      /Thuê ống trong cống bể có sẵn|Spare tube in an existing duct/,
    );
    expect(await page.getByTestId('route-total').textContent()).toMatch(/\d+(,\d+)? (m|km)/);
    // The duct's owner is a counterpart, with at least one asset.
    const counterparts = page.getByTestId('route-counterparts').locator('tbody tr');
    expect(await counterparts.count()).toBeGreaterThan(0);
    expect(Number(await counterparts.first().locator('td').nth(2).textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('route-quantities').textContent()).toMatch(/Chiều dài cáp|Cable length/);
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-route.png') });

    // One button asks every counterpart for co-location: the launcher's event carries the ducts used.
    await page.evaluate(() => {
      window.addEventListener('hatang:colocation-request', (e) => {
        (window as unknown as { __lastColocation: unknown }).__lastColocation = (e as CustomEvent).detail;
      });
    });
    await page.getByTestId('route-request-colocation').click();
    const prefill = (await page.evaluate(
      () => (window as unknown as { __lastColocation: unknown }).__lastColocation,
    )) as {
      targets: { kind: string; id: string; ownerOrgId?: string; lengthM?: number }[];
      justification: string;
      source?: string;
    };
    const ducts = prefill.targets.filter((t) => t.kind === 'duct');
    expect(ducts.length).toBeGreaterThan(0);
    for (const d of ducts) {
      expect(d.ownerOrgId).toBeTruthy();
      expect(d.lengthM).toBeGreaterThan(0);
    }
    expect(prefill.justification).toMatch(/Công cụ tìm tuyến|Route planner/);
    expect(prefill.source).toBe('route_planner');
    // The co-location panel takes the launch (and the side column). A planner may not send requests:
    // it says so and lists the counterparts. Then come back to sharing.
    const notice = page.getByTestId('colocation-launch-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.locator('li').count()).toBe(prefill.targets.length);
    if (!(await panel.isVisible())) await clickPanelButton(page, 'sharing');
    await panel.waitFor();
  });

  it('picks stops on the map without opening the commune panel under the click', async () => {
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('no map to click');
    await page.getByTestId('route-clear').click();
    await page.getByTestId('route-pick').click();
    await waitForMapIdle(page);
    const pixels: [number, number][] = [
      [150, 400],
      [300, 450],
      [420, 300],
    ];
    for (const [x, y] of pixels) {
      await page.mouse.click(box.x + x, box.y + y);
      await page.waitForTimeout(300);
    }
    await page.getByTestId('route-pick').click();
    // Two stops were filled (A and B), the third click added a stop.
    const expected = await page.evaluate(
      (ps) => ps.map(([x, y]) => window.__hatangMap?.unproject([x, y]).toArray() ?? [0, 0]),
      pixels,
    );
    for (const [i, [lng, lat]] of expected.entries()) {
      const text = await page.getByTestId(`route-stop-${i}`).inputValue();
      const [gotLng, gotLat] = text.split(',').map(Number);
      expect(Math.abs((gotLng ?? 0) - (lng ?? 0))).toBeLessThan(1e-5);
      expect(Math.abs((gotLat ?? 0) - (lat ?? 0))).toBeLessThan(1e-5);
    }
    // No commune panel opened under the clicks (a click right on an asset still selects it: the
    // app looks for assets before overlays).
    expect(
      await page.locator('[data-testid="asset-panel"]:not(:has([data-testid="asset-code"]))').count(),
    ).toBe(0);
    await waitForMapIdle(page);
    const stops = await page.evaluate(
      () => window.__hatangMap?.queryRenderedFeatures({ layers: ['sharing-route-stops'] }).length ?? 0,
    );
    expect(stops).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-route-picked.png') });
  });

  it('checks tower sharing at an existing tower and lists that tower', async () => {
    const tower = await pickTower(page);
    await page.getByTestId('sharing-tab-towers').click();
    await page.getByTestId('tower-point').fill(`${tower.position[0]}, ${tower.position[1]}`);
    await page.getByTestId('tower-height').fill('20');
    await page.getByTestId('tower-run').click();
    await page.getByTestId('tower-result').waitFor({ timeout: 30_000 });
    const listed = page.getByTestId('tower-result').locator('table tbody tr', { hasText: tower.code });
    await expect.poll(() => listed.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('tower-verdict').textContent()).toMatch(
      /Phải dùng chung|Được xây trạm mới|Must share|A new tower is allowed/,
    );
    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 16 }), tower.position);
    await waitForMapIdle(page);
    const circle = await page.evaluate(
      () => window.__hatangMap?.queryRenderedFeatures({ layers: ['sharing-tower-circle-line'] }).length ?? 0,
    );
    expect(circle).toBeGreaterThan(0);
    await page.getByTestId('tower-report').click();
    await page.getByTestId('tower-report-result').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-towers.png') });
  });

  it('shows the spare-capacity layer at street zoom, coloured by spare class', async () => {
    await page.evaluate((c) => window.__hatangMap?.jumpTo({ center: c, zoom: 16 }), routeCentre);
    await page.getByTestId('sharing-tab-spare').click();
    await expect
      .poll(
        async () => Number((await page.getByTestId('spare-count').textContent())?.match(/\d+/)?.[0] ?? 0),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    const renderedClasses = () =>
      page.evaluate(() =>
        (window.__hatangMap?.queryRenderedFeatures({ layers: ['sharing-spare-lines'] }) ?? []).map((f) =>
          String(f.properties.spareClass),
        ),
      );
    await expect.poll(async () => (await renderedClasses()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await waitForMapIdle(page);
    const classes = await renderedClasses();
    for (const c of classes) expect(['none', 'low', 'medium', 'high']).toContain(c);
    // The route layer is only on the map while its tab is shown.
    expect(await page.evaluate(() => Boolean(window.__hatangMap?.getLayer('sharing-route-line')))).toBe(
      false,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-spare.png') });
  });

  it('lists dig-once notices and undergrounding candidates without an error', async () => {
    await page.getByTestId('sharing-tab-digOnce').click();
    const digOnce = page.getByTestId('sharing-dig-once');
    await expect
      .poll(async () => (await digOnce.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/Phối hợp với|Không có thông báo/);
    expect(await digOnce.locator('.sharing-error').count()).toBe(0);
    expect(await digOnce.textContent()).not.toContain('undefined');
    // With notices, one button fits the map to all their shared stretches.
    if ((await digOnce.getByTestId('dig-once-fit-all').count()) > 0) {
      await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.3, 21.2], zoom: 12 }));
      await digOnce.getByTestId('dig-once-fit-all').click();
      await waitForMapIdle(page);
      const shown = await page.evaluate(
        () => window.__hatangMap?.queryRenderedFeatures({ layers: ['sharing-dig-once'] }).length ?? 0,
      );
      expect(shown).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-dig-once.png') });
    await page.getByTestId('sharing-tab-underground').click();
    const underground = page.getByTestId('sharing-underground');
    await expect
      .poll(async () => (await underground.textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/\d+ đoạn/);
    expect(await underground.locator('.sharing-error').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-underground.png') });
  });

  it('puts a candidate into the cleanup campaign, sets it done and sees the year’s km done change', async () => {
    const underground = page.getByTestId('sharing-underground');
    await page.getByTestId('campaign-year').selectOption('2027');
    const firstAdd = underground.getByTestId('candidate-add').first();
    await firstAdd.waitFor({ timeout: 30_000 });
    await firstAdd.click();
    await expect
      .poll(async () => (await page.getByTestId('campaign-add-message').textContent()) ?? '', {
        timeout: 30_000,
      })
      .toMatch(/Đã thêm 1 đoạn|Added 1 stretch/);
    await expect
      .poll(() => underground.getByTestId('candidate-in-campaign').count(), { timeout: 15_000 })
      .toBe(1);

    await page.getByTestId('sharing-tab-campaign').click();
    const campaign = page.getByTestId('sharing-campaign');
    const doneCell = campaign.getByTestId('campaign-done-2027');
    await doneCell.waitFor({ timeout: 30_000 });
    const kmOf = async () =>
      Number(((await doneCell.textContent()) ?? '').replace(/\./g, '').replace(',', '.'));
    expect(await kmOf()).toBe(0);
    const segment = campaign.getByTestId('campaign-segments').locator('tbody tr').first();
    await segment.getByTestId('campaign-status').selectOption('done');
    await expect.poll(kmOf, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await campaign.locator('.sharing-error').count()).toBe(0);
    await expect
      .poll(() => segment.getByTestId('campaign-status').isEnabled(), { timeout: 15_000 })
      .toBe(true);

    // Someone else (another tab) writes a note first: the next status change here is refused
    // with a clear conflict message, and the list shows the stretch as it is now.
    const id = await segment.getAttribute('data-segment');
    const status = await page.evaluate(async (segmentId) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const list = (await (await fetch('/api/v1/sharing/campaign/segments')).json()) as {
        features: { id: string; properties: { version: number } }[];
      };
      const current = list.features.find((f) => f.id === segmentId);
      const response = await fetch(`/api/v1/sharing/campaign/segments/${segmentId}`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          'if-match': `"${current?.properties.version}"`,
          'x-csrf-token': me.csrfToken,
        },
        body: JSON.stringify({ note: 'Ghi chú từ tab khác' }),
      });
      return response.status;
    }, id);
    expect(status).toBe(200);
    await segment.getByTestId('campaign-status').selectOption('in_progress');
    await expect
      .poll(async () => (await campaign.getByTestId('campaign-message').textContent()) ?? '', {
        timeout: 15_000,
      })
      .toMatch(/vừa được người khác sửa|Someone else just changed/);
    await expect
      .poll(() => segment.getByTestId('campaign-status').inputValue(), { timeout: 15_000 })
      .toBe('done');
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-campaign-conflict.png') });

    // The stretch is on the map, coloured as done.
    await waitForMapIdle(page);
    const statuses = await page.evaluate(() =>
      (window.__hatangMap?.queryRenderedFeatures({ layers: ['sharing-campaign'] }) ?? []).map((f) =>
        String(f.properties.status),
      ),
    );
    expect(statuses).toContain('done');
    await page.screenshot({ path: join(ARTIFACTS, 'sharing-campaign.png') });

    // The campaign downloads as CSV with a BOM, Vietnamese intact.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      campaign.getByTestId('campaign-downloads').locator('a[data-format="csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hatang-undergrounding-campaign-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,street_name,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',2027,done,');
  });

  it('loaded nothing from another origin and threw no page error', async () => {
    expect(foreignRequests).toEqual([]);
    // No map error banner (e.g. a query of a layer that is not there).
    expect(await page.locator('text=/MapLibre:/').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
