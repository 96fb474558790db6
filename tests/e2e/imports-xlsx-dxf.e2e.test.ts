/**
 * The files operators actually send, through the browser: an Excel register whose manholes are
 * on its second sheet with degrees-minutes-seconds coordinates (the operator chooses the sheet),
 * and a VN-2000 DXF duct drawing whose duct polyline is on layer ONG_CONG (the layer table shows
 * it ticked for the ducts layer, the manhole blocks not). Each lands within 1 m of the source.
 * Screenshots at 1400×900 and 390×844.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crsInfo, haversineM, toVn2000 } from '@hatang/geo';
import type { Browser, Page } from 'playwright-core';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dms, dmsDegrees, ductDrawing, registerWorkbook } from '../support/register-files';
import { ARTIFACTS, clickPanelButton, signIn, startE2e, waitForMapIdle } from './browser';
import type { RunningServer } from './server-process';

const RUN = Date.now().toString(36).toUpperCase();
/** Three manholes near Lạch Tray, [lng, lat] WGS 84. */
const MANHOLES: [number, number][] = [
  [106.69012, 20.85102],
  [106.69071, 20.85133],
  [106.69125, 20.85161],
];
/** The duct in VN-2000 (easting, northing) metres, to the centimetre, as a drawing holds it. */
const DUCT = (
  [
    [106.6915, 20.8523],
    [106.6921, 20.8526],
    [106.6928, 20.8525],
  ] as [number, number][]
).map((at) => {
  const { x, y } = toVn2000(at, 'EPSG:9210');
  return [Math.round(x * 100) / 100, Math.round(y * 100) / 100] as [number, number];
});

let server: RunningServer;
let browser: Browser;
let page: Page;
let xlsxPath = '';
let dxfPath = '';
const pageErrors: string[] = [];

async function panelShot(name: string) {
  await page.screenshot({ path: join(ARTIFACTS, name) });
}

/** Picks the "same value for every row" option of a mapping row and sets its value. */
async function constant(panel: ReturnType<Page['getByTestId']>, property: string, value: string) {
  const labels = await panel.getByTestId(`mapping-${property}`).locator('option').allTextContents();
  const label = labels.at(-1);
  if (!label) throw new Error(`no options for ${property}`);
  await panel.getByTestId(`mapping-${property}`).selectOption({ label });
  const input = panel.getByTestId(`mapping-constant-${property}`);
  if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
}

async function landed(resource: string, prefix: string) {
  return page.evaluate(
    async ({ resource, prefix }) => {
      const response = await fetch(`/api/v1/${resource}?limit=100&bbox=106.685,20.848,106.698,20.856`, {
        credentials: 'same-origin',
      });
      const body = (await response.json()) as {
        features: { geometry: { coordinates: unknown }; properties: Record<string, unknown> }[];
      };
      return body.features
        .filter((f) => String(f.properties.code).startsWith(prefix))
        .map((f) => ({ code: String(f.properties.code), at: f.geometry.coordinates }))
        .sort((a, b) => a.code.localeCompare(b.code));
    },
    { resource, prefix },
  );
}

describe('importing an Excel register and a DXF drawing through the browser', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hatang-e2e-xlsx-'));
    xlsxPath = join(dir, 'so-bo-ho-ga.xlsx');
    writeFileSync(
      xlsxPath,
      await registerWorkbook(
        MANHOLES.map((lngLat, i) => ({
          code: `XL-${RUN}-${i + 1}`,
          lngLat,
          covers: 2,
          depthM: 1.2 + i / 10,
          surveyed: new Date(Date.UTC(2025, 4, 2)),
        })),
      ),
    );
    dxfPath = join(dir, 'tuyen-cong.dxf');
    writeFileSync(
      dxfPath,
      ductDrawing({
        duct: DUCT,
        manholes: [
          { code: `HG-${RUN}-A`, at: DUCT[0] as [number, number] },
          { code: `HG-${RUN}-B`, at: DUCT[2] as [number, number] },
        ],
      }),
    );
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (pageErrors.length) console.log('browser errors:', pageErrors);
  });

  it('shows a Vietnamese file picker (no native "Choose Files") and reads the register', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'editor.song@hatang.demo');
    await clickPanelButton(page, 'import');
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('import-file-name').textContent()).toBe('Chưa chọn tệp nào');
    // The native input is there for the label to open, but takes no room (1 px, transparent).
    const box = await panel.getByTestId('import-file').boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(1);
    expect(await panel.textContent()).not.toMatch(/Choose File|No file chosen/);
    await panel.getByTestId('import-file').setInputFiles(xlsxPath);
    expect(await panel.getByTestId('import-file-name').textContent()).toBe('so-bo-ho-ga.xlsx');
    await panelShot('imports-file-picker-desktop.png');
    await panel.getByTestId('import-layer').selectOption('manholes');
    await panel.getByTestId('import-upload').click();
    await page.locator('[data-testid="import-job"][data-status="ready"]').waitFor({ timeout: 60_000 });
    // The first sheet with data is read first; both are listed with their rows.
    const options = await panel.getByTestId('import-sheet').locator('option').allTextContents();
    expect(options).toEqual(['Cột điện (1 dòng)', 'Hố ga (3 dòng)']);
  });

  it('reads the chosen sheet again, maps its columns and lands each manhole within 1 m', async () => {
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-sheet').selectOption('Hố ga');
    await panel.getByTestId('import-reread').click();
    await expect
      .poll(async () => (await panel.getByTestId('import-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/· 3 dòng · hệ tọa độ EPSG:4326/);
    await page.locator('[data-testid="import-job"][data-status="ready"]').waitFor();
    await panel.getByTestId('mapping-code').selectOption('Mã');
    await panel.getByTestId('mapping-manholeType').selectOption('Loại');
    await panel.getByTestId('mapping-covers').selectOption('Số nắp');
    await panel.getByTestId('mapping-depthM').selectOption('Độ sâu (m)');
    await constant(panel, 'status', 'existing');
    await panel.getByTestId('mapping-apply').click();
    await expect
      .poll(() => panel.getByTestId('import-report-summary').textContent(), { timeout: 20_000 })
      .toMatch(/3 dòng hợp lệ/);
    await waitForMapIdle(page);
    await panelShot('imports-xlsx-desktop.png');
    await expect
      .poll(() => panel.getByTestId('import-duplicates-count').getAttribute('data-count'), {
        timeout: 20_000,
      })
      .toBe('0');
    await panel.getByTestId('import-commit').click();
    await panel.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('import-result-created').textContent()).toContain('3');
    const rows = await landed('manholes', `XL-${RUN}-`);
    expect(rows.map((r) => r.code)).toEqual([1, 2, 3].map((i) => `XL-${RUN}-${i}`));
    rows.forEach((row, i) => {
      const source = MANHOLES[i] as [number, number];
      const expected: [number, number] = [dmsDegrees(dms(source[0], 'EW')), dmsDegrees(dms(source[1], 'NS'))];
      expect(haversineM(row.at as [number, number], expected)).toBeLessThan(1);
    });
  });

  it('lists the DXF layers, imports the duct of ONG_CONG into ducts, within 1 m of the drawing', async () => {
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-restart').click();
    await panel.getByTestId('import-file').setInputFiles(dxfPath);
    await panel.getByTestId('import-layer').selectOption('ducts');
    await panel.getByTestId('import-upload').click();
    await page.locator('[data-testid="import-job"][data-status="ready"]').waitFor({ timeout: 60_000 });
    const layerRows = panel.getByTestId('import-layer-row');
    expect(await layerRows.count()).toBe(2);
    expect(await layerRows.nth(0).textContent()).toContain('HO_GA');
    expect(await layerRows.nth(0).locator('input').isChecked()).toBe(false);
    expect(await layerRows.nth(1).textContent()).toContain('ONG_CONG');
    expect(await layerRows.nth(1).locator('input').isChecked()).toBe(true);
    expect(await panel.getByTestId('import-summary').textContent()).toContain('EPSG:9210');
    await constant(panel, 'code', `ONG-${RUN}`);
    await constant(panel, 'status', 'existing');
    await constant(panel, 'tubesTotal', '4');
    await constant(panel, 'tubesUsed', '1');
    await constant(panel, 'diameterMm', '110');
    await constant(panel, 'depthM', '0,8');
    await panel.getByTestId('mapping-apply').click();
    await expect
      .poll(() => panel.getByTestId('import-report-summary').textContent(), { timeout: 20_000 })
      .toMatch(/1 dòng hợp lệ/);
    await waitForMapIdle(page);
    await panelShot('imports-dxf-desktop.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.getByTestId('import-layers').scrollIntoViewIfNeeded();
    await panelShot('imports-dxf-phone.png');
    await page.setViewportSize({ width: 1400, height: 900 });
    await expect
      .poll(() => panel.getByTestId('import-duplicates-count').getAttribute('data-count'), {
        timeout: 20_000,
      })
      .toBe('0');
    await panel.getByTestId('import-commit').click();
    await panel.getByTestId('import-result').waitFor({ timeout: 60_000 });
    const [duct] = await landed('ducts', `ONG-${RUN}`);
    const vertices = duct?.at as [number, number][];
    expect(vertices).toHaveLength(3);
    const vn2000 = crsInfo('EPSG:9210').proj4;
    DUCT.forEach((xy, i) => {
      const expected = proj4(vn2000, 'WGS84', xy) as [number, number];
      expect(haversineM(vertices[i] as [number, number], expected)).toBeLessThan(1);
    });
    expect(pageErrors).toEqual([]);
  });
});
