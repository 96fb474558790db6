/**
 * CAD drawings on a permit application in Chromium on a fresh server with the demo data: an
 * operator (Sông Telecom's editor) attaches a DXF site plan (VN-2000 TM-3 Hải Phòng, as a
 * surveyor's CAD program writes it) and a DWG to a tower application and submits it; the reviewer
 * opens it from the queue and sees the DXF drawn on the map around the tower, with its legend
 * entry, switches it off and on, and reads that the DWG is not drawn. Screenshots at 1440×900
 * and 390×844.
 */
import { join } from 'node:path';
import { toVn2000 } from '@hatang/geo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, signOut, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const TITLE = `E2E bản vẽ DXF ${Date.now().toString(36)}`;
/** The tower, in Ngô Quyền (Hai Phong's centre), `[lng, lat]`. */
const WHERE: [number, number] = [106.6953, 20.8461];

/** A site plan around `at`: a 40 m boundary square, the 8 m foundation, an access line and a note. */
function sitePlan(at: [number, number]): string {
  const { x, y } = toVn2000(at);
  const f = (v: number) => v.toFixed(3);
  const square = (half: number) => [
    '0',
    'LWPOLYLINE',
    '8',
    half > 10 ? 'RANH_GIOI' : 'MONG_COT',
    '90',
    '4',
    '70',
    '1',
    '10',
    f(x - half),
    '20',
    f(y - half),
    '10',
    f(x + half),
    '20',
    f(y - half),
    '10',
    f(x + half),
    '20',
    f(y + half),
    '10',
    f(x - half),
    '20',
    f(y + half),
  ];
  return [
    '999',
    'Mat bang tram BTS - he VN-2000 mui 105.75',
    '0',
    'SECTION',
    '2',
    'HEADER',
    '9',
    '$ACADVER',
    '1',
    'AC1015',
    '9',
    '$INSUNITS',
    '70',
    '6',
    '0',
    'ENDSEC',
    '0',
    'SECTION',
    '2',
    'ENTITIES',
    ...square(20),
    ...square(4),
    '0',
    'LINE',
    '8',
    'DUONG_VAO',
    '10',
    f(x - 20),
    '20',
    f(y),
    '30',
    '0',
    '11',
    f(x - 60),
    '21',
    f(y + 10),
    '31',
    '0',
    '0',
    'CIRCLE',
    '8',
    'MONG_COT',
    '10',
    f(x),
    '20',
    f(y),
    '30',
    '0',
    '40',
    '2',
    '0',
    'TEXT',
    '8',
    'GHI_CHU',
    '10',
    f(x),
    '20',
    f(y + 22),
    '30',
    '0',
    '40',
    '2',
    '1',
    'Ranh gioi khu dat',
    '0',
    'ENDSEC',
    '0',
    'EOF',
    '',
  ].join('\n');
}

/** The drawing's features rendered now, by DXF layer. */
const renderedDrawing = (p: Page) =>
  p.evaluate(() =>
    (
      window.__hatangMap?.queryRenderedFeatures({
        layers: ['permit-drawing-fill', 'permit-drawing-line', 'permit-drawing-point'].filter((id) =>
          window.__hatangMap?.getLayer(id),
        ),
      }) ?? []
    ).map((f) => String(f.properties.layer)),
  );

async function openPanel(p: Page) {
  const panel = p.getByTestId('permits-panel');
  if (!(await panel.isVisible())) await clickPanelButton(p, 'permits');
  await panel.waitFor();
  return panel;
}

describe('a DXF drawing on the reviewer’s map in Chromium', () => {
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

  it('lets the operator attach a DXF and a DWG to a tower application and submit it', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'editor.song@hatang.demo');
    const panel = await openPanel(page);
    await page.getByTestId('permit-new').click();
    const form = page.getByTestId('permit-form');
    await form.locator('select[name="kind"]').selectOption('tower');
    await form.locator('input[name="title"]').fill(TITLE);
    await form.locator('select[name="towerClass"]').selectOption('A1');
    await form.locator('input[name="heightM"]').fill('12');
    await form.locator('select[name="structure"]').selectOption('monopole');
    await form.locator('select[name="mounting"]').selectOption('on_ground');
    await form.locator('input[name="eirpW"]').fill('100');
    await form.locator('input[name="nearestBuildingM"]').fill('30');
    await form.locator('input[name="where"]').fill(`${WHERE[0]}, ${WHERE[1]}`);
    await page.getByTestId('permit-save').click();
    const view = page.getByTestId('permit-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('draft');

    const file = page.getByTestId('permit-file');
    // A text file named .dxf is refused by its content.
    await file.setInputFiles({
      name: 'gia.dxf',
      mimeType: 'application/dxf',
      buffer: Buffer.from('not a drawing'),
    });
    await page.getByTestId('permit-upload').click();
    await expect
      .poll(() => page.getByTestId('permit-upload-error').textContent(), { timeout: 20_000 })
      .toMatch(/DXF, DWG/);
    await file.setInputFiles({
      name: 'mat-bang-tram.dxf',
      mimeType: '',
      buffer: Buffer.from(sitePlan(WHERE)),
    });
    await page.getByTestId('permit-upload').click();
    const attachments = page.getByTestId('permit-attachments');
    await attachments.getByRole('link', { name: 'mat-bang-tram.dxf' }).waitFor({ timeout: 30_000 });
    const dwg = Buffer.concat([Buffer.from('AC1032'), Buffer.alloc(64, 1)]);
    await file.setInputFiles({ name: 'mat-bang-tram.dwg', mimeType: '', buffer: dwg });
    await page.getByTestId('permit-upload').click();
    await attachments.getByRole('link', { name: 'mat-bang-tram.dwg' }).waitFor({ timeout: 30_000 });
    // The applicant sees the drawing on the map too.
    await expect.poll(() => renderedDrawing(page), { timeout: 30_000 }).toContain('RANH_GIOI');
    await page.getByTestId('permit-submit').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('submitted');
    expect(await panel.isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows the reviewer the DXF drawn around the tower, switchable, and says the DWG is not drawn', async () => {
    await signOut(page);
    await signIn(page, 'reviewer@hatang.demo');
    const panel = await openPanel(page);
    const row = panel.locator('[data-testid="permit-row"]', { hasText: TITLE });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: TITLE }).click();
    const view = page.getByTestId('permit-view');
    await view.waitFor();
    await waitForMapIdle(page);
    await expect
      .poll(async () => new Set(await renderedDrawing(page)), { timeout: 30_000 })
      .toEqual(new Set(['RANH_GIOI', 'MONG_COT', 'DUONG_VAO', 'GHI_CHU']));
    // Drawn where the tower is: the foundation's circle surrounds the application's point.
    const near = await page.evaluate(([lng, lat]) => {
      const map = window.__hatangMap;
      if (!map) return false;
      const p = map.project([lng, lat]);
      return (map.queryRenderedFeatures([p.x, p.y], { layers: ['permit-drawing-fill'] }) ?? []).length > 0;
    }, WHERE);
    expect(near).toBe(true);
    const legend = page.getByTestId('permit-legend');
    expect(await legend.textContent()).toContain('Bản vẽ DXF');
    expect(await page.getByTestId('permit-dwg-note').textContent()).toBe(
      'Bản vẽ DWG chưa hiển thị được trên bản đồ; hãy gửi kèm DXF.',
    );
    expect(await page.getByTestId('permit-drawing-status').textContent()).toMatch(/Bản vẽ có 5 đối tượng/);
    expect(await page.getByTestId('permit-works-dxf').getAttribute('href')).toMatch(/\/works\.dxf$/);
    await view.getByTestId('permit-attachments').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'permits-drawing-reviewer-1440.png') });

    // Switched off: gone from the map and the legend; on again: back.
    const toggle = page.getByTestId('permit-drawing-toggle');
    await toggle.uncheck();
    await expect.poll(() => renderedDrawing(page), { timeout: 10_000 }).toEqual([]);
    expect(await legend.textContent()).not.toContain('Bản vẽ DXF');
    await toggle.check();
    await expect
      .poll(async () => (await renderedDrawing(page)).length, { timeout: 10_000 })
      .toBeGreaterThan(0);

    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('draws it on a phone too, with the files and the DWG note below the map', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phoneWatch = watchPage(phone, server.baseUrl);
    await phone.goto(server.baseUrl);
    await phone.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(phone, 'reviewer@hatang.demo');
    const phonePanel = await openPanel(phone);
    const phoneRow = phonePanel.locator('[data-testid="permit-row"]', { hasText: TITLE });
    await phoneRow.waitFor({ timeout: 30_000 });
    await phoneRow.getByRole('button', { name: TITLE }).click();
    await phone.getByTestId('permit-view').waitFor();
    await expect.poll(() => renderedDrawing(phone), { timeout: 30_000 }).toContain('RANH_GIOI');
    await waitForMapIdle(phone);
    await phone.screenshot({ path: join(ARTIFACTS, 'permits-drawing-reviewer-390.png') });
    await phone.getByTestId('permit-dwg-note').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(ARTIFACTS, 'permits-drawing-reviewer-390-files.png') });
    expect(phoneWatch.pageErrors).toEqual([]);
    await phone.close();
  });
});
