/**
 * Planning assumptions in Chromium on a fresh server with the demo data (issue #17 item 5): the
 * city's planner sets a 2027 interim target for 5G coverage on the plan's indicators (refused
 * first for a value that is no number and no reason, in Vietnamese) and sees it labelled as a
 * planning assumption, not in Plan 317's text; a reviewer reads it without an edit control; the
 * Department of Science and Technology (the demo planner's organisation) changes a task's due
 * date with a reason and sees it flagged overdue and labelled as its own assumption.
 * Screenshots at 1440×900 and on a 390×844 phone.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, signOut, startE2e, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const KEY = 'population5gPercent';
const REASON = 'Nửa chặng đường tới mục tiêu 2030 theo lộ trình của Sở';
const DUE_REASON = 'Sở KH&CN giao hoàn thành hướng dẫn trong quý I/2026';

/** English words of the card's English texts that must not show on a Vietnamese screen. */
const ENGLISH = /\b(Planning|assumption|Interim|target|Set by|Reason|Save|Clear|Edit|Cancel|Planned)\b/;

async function openIndicators(p: Page) {
  await clickPanelButton(p, 'plan');
  await p.locator('[data-testid="plan-version"][data-kind="baseline"]').waitFor({ timeout: 30_000 });
  await p.getByTestId('plan-tab-indicators').click();
  const card = p.locator(`[data-indicator="${KEY}"]`);
  await card.waitFor({ timeout: 170_000 });
  return card;
}

async function openTask(p: Page, code: string) {
  const panel = p.getByTestId('tasks-panel');
  if (!(await panel.isVisible())) await clickPanelButton(p, 'tasks');
  await panel.waitFor();
  await p.locator(`[data-testid="task-row"][data-code="${code}"]`).click();
  const detail = p.getByTestId('task-detail');
  await detail.waitFor();
  return detail;
}

describe('planning assumptions in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // A shared 2-core machine: software WebGL under load can hold a click for tens of seconds.
    page.setDefaultTimeout(90_000);
    ({ foreignRequests, pageErrors } = watchPage(page, server.baseUrl));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a planner set a 2027 interim target, labelled as a planning assumption', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'planner@hatang.demo');
    const card = await openIndicators(page);
    const interim = card.getByTestId(`interim-${KEY}`);
    expect(await interim.getByTestId(`interim-assumption-${KEY}`).textContent()).toBe(
      'Giả định quy hoạch (không có trong văn bản Kế hoạch 317)',
    );
    expect(await interim.getByTestId(`interim-none-${KEY}`).textContent()).toContain(
      'Chưa đặt mục tiêu trung gian',
    );
    expect(await interim.getByTestId(`interim-planned-${KEY}`).textContent()).toMatch(
      /^Theo quy hoạch năm 2027: [\d,]+ %$/,
    );
    // The plan's own target stays the plan's.
    expect(await card.locator('.indicator-target').first().textContent()).toContain('100 % vào năm 2030');

    await interim.getByTestId(`interim-edit-${KEY}`).click();
    await interim.getByTestId('interim-input-value').fill('nhiều');
    await interim.getByTestId('interim-save').click();
    expect(await interim.getByTestId('interim-error-value').textContent()).toContain('Nhập một số');
    expect(await interim.getByTestId('interim-error-note').textContent()).toContain('Nêu lý do');
    await interim.getByTestId('interim-input-value').fill('150');
    await interim.getByTestId('interim-save').click();
    expect(await interim.getByTestId('interim-error-value').textContent()).toContain('từ 0 đến 100');
    expect(await card.textContent()).not.toMatch(ENGLISH);

    await interim.getByTestId('interim-input-value').fill('62,5');
    await interim.getByTestId('interim-input-note').fill(REASON);
    await interim.getByTestId('interim-save').click();
    const value = interim.getByTestId(`interim-value-${KEY}`);
    await value.waitFor({ timeout: 60_000 });
    expect(await value.textContent()).toBe('Mục tiêu: 62,5 %');
    expect(await interim.textContent()).toContain(`Lý do: ${REASON}`);
    expect(await interim.textContent()).toMatch(/Do Sở .* đặt ngày \d{1,2}\/\d{1,2}\/\d{4}/);
    expect(await interim.getByTestId(`interim-assumption-${KEY}`).textContent()).toBe(
      'Giả định quy hoạch (không có trong văn bản Kế hoạch 317)',
    );
    expect(await card.textContent()).not.toMatch(ENGLISH);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'assumptions-indicators-1440.png') });
    await card.screenshot({ path: join(ARTIFACTS, 'assumptions-card-1440.png') });

    // In English the same card says it is a planning assumption, not in Plan 317's text.
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => interim.getByTestId(`interim-assumption-${KEY}`).textContent())
      .toBe("Planning assumption (not in Plan 317's text)");
    expect(await value.textContent()).toBe('Target: 62.5 %');
    await card.screenshot({ path: join(ARTIFACTS, 'assumptions-card-en-1440.png') });
    await page.getByTestId('language-switch').click();
    await clickPanelButton(page, 'plan');
    await signOut(page);
  });

  it('shows it to a reviewer without an edit control', async () => {
    await signIn(page, 'reviewer@hatang.demo');
    const card = await openIndicators(page);
    expect(await card.getByTestId(`interim-value-${KEY}`).textContent()).toBe('Mục tiêu: 62,5 %');
    expect(await card.getByTestId(`interim-edit-${KEY}`).count()).toBe(0);
    await clickPanelButton(page, 'plan');
    await signOut(page);
  });

  it("lets the Department change a task's due date with a reason; overdue follows it", async () => {
    // The reviewer (Construction Department) leads V.3.1 but does not set due dates.
    await signIn(page, 'reviewer@hatang.demo');
    const seen = await openTask(page, 'V.3.1');
    expect(await seen.textContent()).toContain('31/12/2030');
    expect(await page.getByTestId('task-due-change').count()).toBe(0);
    await clickPanelButton(page, 'tasks');
    await signOut(page);

    await signIn(page, 'planner@hatang.demo');
    const detail = await openTask(page, 'V.3.1');
    expect(await detail.getByTestId('task-due-assumption').textContent()).toBe(' (giả định)');
    await page.getByTestId('task-due-change').click();
    await page.getByTestId('task-due-input').fill('2026-03-31');
    await page.getByTestId('task-due-save').click();
    expect(await page.getByTestId('due-error-note').textContent()).toContain('Ngắn quá');
    await page.getByTestId('task-due-note').fill(DUE_REASON);
    await page.getByTestId('task-due-save').click();
    const setBy = detail.getByTestId('task-due-set-by');
    await setBy.waitFor({ timeout: 20_000 });
    expect(await setBy.textContent()).toContain(`Lý do: ${DUE_REASON}`);
    expect(await detail.getByTestId('task-due-assumption').textContent()).toBe(' (giả định của Sở KH&CN)');
    const facts = await detail.locator('.tasks-facts').textContent();
    expect(facts).toContain('31/03/2026');
    // The tests run after 31/03/2026: the task is now overdue (not done).
    if (new Date().toISOString().slice(0, 10) > '2026-03-31')
      expect(await detail.getByTestId('task-overdue').count()).toBe(1);
    await detail.screenshot({ path: join(ARTIFACTS, 'assumptions-task-due-1440.png') });
    await page.getByTestId('task-back').click();
    const row = page.locator('[data-testid="task-row"][data-code="V.3.1"]');
    await expect.poll(() => row.textContent()).toMatch(/Hạn 31\/03\/2026 \(giả định của Sở KH&CN\)/);
    await clickPanelButton(page, 'tasks');
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('is usable on a phone', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    phone.setDefaultTimeout(90_000);
    const watched = watchPage(phone, server.baseUrl);
    await phone.goto(server.baseUrl);
    await phone.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(phone, 'planner@hatang.demo');
    const card = await openIndicators(phone);
    await card.getByTestId(`interim-value-${KEY}`).waitFor();
    await card.getByTestId(`interim-edit-${KEY}`).click();
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(ARTIFACTS, 'assumptions-indicators-390.png') });
    await card.screenshot({ path: join(ARTIFACTS, 'assumptions-card-390.png') });
    expect(watched.pageErrors).toEqual([]);
    await phone.close();
  });
});
