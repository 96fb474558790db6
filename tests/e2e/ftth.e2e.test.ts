/**
 * Fibre to the home in Chromium on a fresh server with the demo data: an operator's editor
 * uploads a CSV with a bad row and sees every problem in Vietnamese (nothing stored), then a good
 * one and sees its rows; the city's planner sees the per-commune table, the reported figures beside
 * the proxy labelled "Ước tính gián tiếp". Screenshots at 1400×900 and on a 390×844 phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickPanelButton, panelButtons, signIn, signOut, startE2e, watchPage } from './browser';
import type { RunningServer } from './server-process';

const SHOTS = process.env.HATANG_SHOTS_DIR ?? '/tmp/hatang-ftth-e2e';
let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
let commune: { code: string; name: string };

/** English words of the panel's English texts that must not show on a Vietnamese screen. */
const ENGLISH =
  /\b(Homes|Reported|Households|Send|Row|Column|Problem|Estimate|Operators?|Close|Loading|Commune|whole number)\b/;

async function openPanel(p: Page) {
  const panel = p.getByTestId('ftth-panel');
  if (!(await panel.isVisible())) await clickPanelButton(p, 'ftth');
  await panel.waitFor();
  return panel;
}

async function upload(p: Page, name: string, csv: string) {
  await p.getByTestId('ftth-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await p.getByTestId('ftth-send').click();
}

/** The panel's text without the CSV column names its hint quotes (they are the file's headers). */
const panelText = async (p: Page) =>
  ((await p.getByTestId('ftth-panel').textContent()) ?? '').replace(
    /adminUnitCode|homesPassed|homes1Gbps|subscriptions|asOf/g,
    '',
  );

describe('fibre to the home in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    ({ foreignRequests, pageErrors } = watchPage(page, server.baseUrl));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets an operator's editor upload a CSV, see each bad row, then its rows", async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    // The public viewer has no FTTH panel.
    await signIn(page, 'viewer@hatang.demo');
    expect(await panelButtons(page)).not.toContain('ftth');
    await signOut(page);

    await signIn(page, 'editor.cang@hatang.demo');
    commune = await page.evaluate(async () => {
      const units = (await (await fetch('/api/v1/admin-units')).json()) as {
        features: { properties: { code: string; name: string; unitType: string } }[];
      };
      const ward = units.features.map((f) => f.properties).find((u) => u.unitType === 'commune');
      if (!ward) throw new Error('no commune');
      return { code: ward.code, name: ward.name };
    });
    const panel = await openPanel(page);
    // Cảng Net's synthetic demo rows (wards only) are listed before it sends anything.
    const ownRows = page.getByTestId('ftth-rows').locator('tbody tr');
    await ownRows.first().waitFor({ timeout: 20_000 });
    const before = await ownRows.count();

    // One good row, one over the homes passed, one for a commune that does not exist: nothing stored.
    await upload(
      page,
      'ftth-sai.csv',
      `adminUnitCode,homesPassed,homes1Gbps,subscriptions,asOf\n${commune.code},900,800,300,2026-09-30\n${commune.code},500,600,,2026-08-31\n00000,10,5,,2026-09-30\n`,
    );
    const issues = page.getByTestId('ftth-issues');
    await issues.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('ftth-rejected').textContent()).toContain('Không lưu dòng nào: 2 lỗi.');
    expect(await issues.locator('tr[data-row="2"]').textContent()).toContain(
      'số hộ 1 Gbps lớn hơn số hộ có cáp đi qua',
    );
    expect(await issues.locator('tr[data-row="3"]').textContent()).toContain(
      'không có xã, phường nào mang mã 00000',
    );
    expect(await ownRows.count()).toBe(before);
    expect(await panelText(page)).not.toMatch(ENGLISH);
    await page.screenshot({ path: join(SHOTS, 'ftth-rejected-1400.png') });

    await upload(
      page,
      'ftth.csv',
      `adminUnitCode,homesPassed,homes1Gbps,subscriptions,asOf\n${commune.code},900,800,300,2026-09-30\n`,
    );
    // A new row on a fresh database; an update when a server database kept an earlier run's.
    await expect
      .poll(() => page.getByTestId('ftth-sent').textContent(), { timeout: 20_000 })
      .toMatch(/Đã lưu (1 dòng mới, cập nhật 0|0 dòng mới, cập nhật 1) dòng\./);
    const row = page.getByTestId('ftth-rows').locator(`tr[data-commune="${commune.code}"]`).filter({
      hasText: '30/09/2026',
    });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain(commune.name);
    expect(await row.textContent()).toMatch(/900.*800.*300/);
    expect(await panelText(page)).not.toMatch(ENGLISH);
    await page.screenshot({ path: join(SHOTS, 'ftth-operator-1400.png') });
    // The operator has no per-commune table of every operator.
    expect(await panel.getByTestId('ftth-summary').count()).toBe(0);
    await signOut(page);
  });

  it('shows the planner the per-commune table, reported beside the proxy labelled', async () => {
    await signIn(page, 'planner@hatang.demo');
    await openPanel(page);
    const table = page.getByTestId('ftth-commune-table');
    await table.waitFor({ timeout: 120_000 });
    expect(await table.locator('thead').textContent()).toContain('Ước tính gián tiếp');
    expect(await page.getByTestId('ftth-proxy-hint').textContent()).toMatch(
      /Ước tính gián tiếp.*300 m.*3,5 người mỗi hộ.*giả định/,
    );
    const city = table.locator('tr[data-commune="city"]');
    expect(await city.textContent()).toContain('Toàn thành phố');
    await page.getByTestId('ftth-filter').fill(commune.name);
    const row = table.locator(`tr[data-commune="${commune.code}"]`);
    await row.waitFor();
    // Cảng Net reported 900 homes passed; the reported figure is at least that (the largest operator).
    const passed = Number(
      ((await row.locator('td[data-cell="passed"] .ftth-value').textContent()) ?? '').replace(/\./g, ''),
    );
    expect(passed).toBeGreaterThanOrEqual(900);
    const proxy = row.locator('td[data-cell="proxy"]');
    expect(await proxy.locator('.ftth-value').textContent()).toMatch(/^[\d.]+$/);
    expect(await proxy.locator('small').textContent()).toMatch(/^[\d,]+ %$/);
    expect(await panelText(page)).not.toMatch(ENGLISH);
    await page.getByTestId('ftth-filter').fill('');
    await page.screenshot({ path: join(SHOTS, 'ftth-planner-1400.png') });

    // In English the same table says "Estimate (proxy)".
    await page.getByTestId('language-switch').click();
    await expect.poll(() => table.locator('thead').textContent()).toContain('Estimate (proxy)');
    await page.screenshot({ path: join(SHOTS, 'ftth-planner-en-1400.png') });
    await page.getByTestId('language-switch').click();
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it("shows the FTTH lines in the plan's indicators, the proxy labelled", async () => {
    // Still the planner: the plan panel's indicators of the demo baseline.
    await clickPanelButton(page, 'plan');
    await page.locator('[data-testid="plan-version"][data-kind="baseline"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('plan-tab-indicators').click();
    const proxy = page.locator('[data-indicator="fiberHouseholdsInReachProxyPercent"]');
    await proxy.waitFor({ timeout: 170_000 });
    expect(await proxy.textContent()).toContain('ước tính gián tiếp');
    const gbps = page.locator('[data-indicator="fiber1GbpsHomesPercent"]');
    expect(await gbps.textContent()).toContain('Mục tiêu');
    expect(await gbps.textContent()).toContain('doanh nghiệp báo cáo');
    await gbps.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'ftth-indicators-1400.png') });
    await clickPanelButton(page, 'plan');
  });

  it('is usable on a phone', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const watched = watchPage(phone, server.baseUrl);
    await phone.goto(server.baseUrl);
    await phone.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(phone, 'planner@hatang.demo');
    const panel = await openPanel(phone);
    await phone.getByTestId('ftth-commune-table').waitFor({ timeout: 120_000 });
    const box = await panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(SHOTS, 'ftth-planner-390.png') });
    await signOut(phone);
    await signIn(phone, 'editor.cang@hatang.demo');
    await openPanel(phone);
    await phone.getByTestId('ftth-rows').waitFor({ timeout: 20_000 });
    await phone.screenshot({ path: join(SHOTS, 'ftth-operator-390.png') });
    expect(watched.pageErrors).toEqual([]);
    await phone.close();
  });
});
