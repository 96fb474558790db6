/**
 * Plan 317's task register in Chromium on a fresh server with the demo data: the Department's
 * planner reports 30 % on task V.1.2 with a web link as evidence and sees the report listed; an
 * operator's editor raises an obstacle on task V.3.1 addressed to the Construction Department
 * (with a place clicked on the map); the Construction Department's reviewer answers it; the
 * operator reads the answer. Screenshots at 1400×900 and on a 390×844 phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickPanelButton,
  panelButtons,
  signIn,
  signOut,
  startE2e,
  waitForMapIdle,
  watchPage,
} from './browser';
import type { RunningServer } from './server-process';

const SHOTS = process.env.HATANG_SHOTS_DIR ?? '/tmp/hatang-tasks-e2e';
let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const stamp = Date.now();
const NOTE = `Đã trình dự thảo quy hoạch lên UBND thành phố (e2e ${stamp})`;
const EVIDENCE = `https://skhcn.haiphong.gov.vn/du-thao-quy-hoach-${stamp}`;
const OBSTACLE = `Chưa có hướng dẫn cấp phép hạ tầng số trong công trình (e2e ${stamp})`;
const ANSWER = 'Sở Xây dựng sẽ ban hành hướng dẫn trong quý tới';

/** English words of the panel's English texts that must not show on a Vietnamese screen. */
const ENGLISH =
  /\b(Tasks?|Obstacles?|Due|Overdue|assumption|Progress|Report|Status|Lead|Answer|Send|Close)\b/;

async function openPanel(p: Page) {
  const panel = p.getByTestId('tasks-panel');
  if (!(await panel.isVisible())) await clickPanelButton(p, 'tasks');
  await panel.waitFor();
  return panel;
}

async function openObstacle(p: Page, title: string) {
  await openPanel(p);
  await p.getByTestId('tasks-tab-obstacles').click();
  const row = p.getByTestId('obstacle-row').filter({ hasText: title });
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  const detail = p.getByTestId('obstacle-detail');
  await detail.waitFor();
  return detail;
}

describe('the task register in Chromium', () => {
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

  it("lets the Department's planner report 30 % on V.1.2 with a web link and see it listed", async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    // The public viewer has no register.
    await signIn(page, 'viewer@hatang.demo');
    expect(await panelButtons(page)).not.toContain('tasks');
    await signOut(page);

    await signIn(page, 'planner@hatang.demo');
    const panel = await openPanel(page);
    await expect.poll(() => page.getByTestId('tasks-count').textContent()).toBe('31 nhiệm vụ');
    expect(await page.getByTestId('tasks-section').count()).toBe(10);
    expect(await page.getByTestId('tasks-section').first().locator('h3').textContent()).toBe(
      'V.1 Sở Khoa học và Công nghệ',
    );
    expect(await page.getByTestId('tasks-agency-note').textContent()).toContain('Sở Khoa học và Công nghệ');
    const row = page.locator('[data-testid="task-row"][data-code="V.1.2"]');
    expect(await row.textContent()).toMatch(/Hạn 31\/12\/2030 \(giả định\)/);
    expect(await panel.textContent()).not.toMatch(ENGLISH);
    // The periodic report to the City, as PDF and as DOCX, both downloadable with the session.
    expect(await page.getByTestId('tasks-report').textContent()).toContain('Tải bản DOCX');
    for (const [format, type] of [
      ['pdf', 'application/pdf'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ] as const) {
      const href = await page.getByTestId(`tasks-report-${format}`).getAttribute('href');
      expect(href).toMatch(
        new RegExp(`^/api/v1/plan-task-report\\?period=20\\d{2}-Q[1-4]&format=${format}$`),
      );
      const file = await page.request.get(new URL(href ?? '', server.baseUrl).toString());
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe(type);
    }
    await page.screenshot({ path: join(SHOTS, 'tasks-list-1400.png') });

    // "My agency's tasks": the Department's (V.1) and those it supports.
    await page.getByTestId('tasks-mine').check();
    await expect
      .poll(() => page.getByTestId('tasks-section').first().getAttribute('data-section'))
      .toBe('V.1');
    await page.getByTestId('tasks-mine').uncheck();

    await row.click();
    const detail = page.getByTestId('task-detail');
    await detail.waitFor();
    expect(await page.getByTestId('task-text').textContent()).toMatch(/quy hoạch/i);
    await page.getByTestId('report-status').selectOption('in_progress');
    // A per cent over 100 and an http link are refused before sending, in Vietnamese.
    await page.getByTestId('report-percent').fill('130');
    await page.getByTestId('report-add-evidence').click();
    await page.getByTestId('report-evidence-ref').fill('http://insecure.example/x');
    await page.getByTestId('report-save').click();
    await expect
      .poll(() => page.getByTestId('report-error-progressPct').textContent())
      .toContain('0 đến 100');
    expect(await page.getByTestId('report-error-note').textContent()).toBe('Không được để trống');
    expect(await page.getByTestId('report-error-evidence.0.ref').textContent()).toContain('https://');

    await page.getByTestId('report-percent').fill('30');
    await page.getByTestId('report-note').fill(NOTE);
    await page.getByTestId('report-evidence-ref').fill(EVIDENCE);
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-saved').waitFor({ timeout: 20_000 });
    const report = page.getByTestId('task-report').filter({ hasText: NOTE });
    await report.waitFor();
    expect(await report.textContent()).toContain('30 %');
    expect(await report.locator('a').getAttribute('href')).toBe(EVIDENCE);
    await expect.poll(() => detail.getAttribute('data-status')).toBe('in_progress');
    expect(await panel.textContent()).not.toMatch(ENGLISH);
    await page.screenshot({ path: join(SHOTS, 'tasks-report-1400.png') });

    await page.getByTestId('task-back').click();
    await expect
      .poll(() => page.locator('[data-testid="task-row"][data-code="V.1.2"]').getAttribute('data-status'))
      .toBe('in_progress');
    expect(
      await page
        .locator('[data-testid="task-row"][data-code="V.1.2"] [data-testid="task-progress"]')
        .textContent(),
    ).toBe('30 %');
  });

  it('lets an operator raise an obstacle on V.3.1 addressed to the Construction Department, at a place', async () => {
    await signOut(page);
    await signIn(page, 'editor.song@hatang.demo');
    await openPanel(page);
    // An operator may not report on the Department's task.
    await page.locator('[data-testid="task-row"][data-code="V.1.2"]').click();
    await page.getByTestId('task-may-not-report').waitFor();
    await page.getByTestId('task-back').click();

    await page.getByTestId('tasks-tab-obstacles').click();
    await page.getByTestId('obstacle-raise').click();
    const form = page.getByTestId('obstacle-form');
    await form.waitFor();
    const taskOption = page.getByTestId('obstacle-task').locator('option', { hasText: 'V.3.1 ·' });
    await page.getByTestId('obstacle-task').selectOption((await taskOption.getAttribute('value')) ?? '');
    await page.getByTestId('obstacle-addressed-to').selectOption('construction');
    // A place: click the middle of the map.
    await page.getByTestId('obstacle-pick').click();
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('obstacle-place').textContent()).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    expect(await page.locator('.side-panel').count()).toBe(0);
    await page.getByTestId('obstacle-title').fill(OBSTACLE);
    await page.getByTestId('obstacle-body').fill('Chủ đầu tư chung cư chưa biết hồ sơ cần những gì.');
    await page.getByTestId('obstacle-save').click();
    const detail = page.getByTestId('obstacle-detail');
    await detail.waitFor({ timeout: 20_000 });
    expect(await detail.getAttribute('data-status')).toBe('open');
    expect(await detail.textContent()).toContain('Sở Xây dựng');
    expect(await detail.textContent()).toContain('V.3.1');
    // The raiser may close it but not answer it.
    expect(await page.getByTestId('obstacle-answer-form').count()).toBe(0);
    expect(await page.getByTestId('obstacle-resolve').count()).toBe(1);
    await waitForMapIdle(page);
    await expect
      .poll(() =>
        page.evaluate(
          () => window.__hatangMap?.queryRenderedFeatures({ layers: ['task-obstacles-points'] }).length ?? 0,
        ),
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'obstacle-raised-1400.png') });
  });

  it("lets the Construction Department's reviewer see and answer it", async () => {
    await signOut(page);
    await signIn(page, 'reviewer@hatang.demo');
    const detail = await openObstacle(page, OBSTACLE);
    await page.getByTestId('obstacle-answer-body').fill(ANSWER);
    await page.getByTestId('obstacle-answer-send').click();
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 20_000 }).toBe('answered');
    await page.getByTestId('obstacle-answer').filter({ hasText: ANSWER }).waitFor();
    expect(await page.getByTestId('tasks-panel').textContent()).not.toMatch(ENGLISH);
    await page.screenshot({ path: join(SHOTS, 'obstacle-answered-1400.png') });
  });

  it('shows the operator the answer', async () => {
    await signOut(page);
    await signIn(page, 'editor.song@hatang.demo');
    const detail = await openObstacle(page, OBSTACLE);
    expect(await detail.getAttribute('data-status')).toBe('answered');
    const answer = page.getByTestId('obstacle-answer').filter({ hasText: ANSWER });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Sở Xây dựng');
    await page.screenshot({ path: join(SHOTS, 'obstacle-operator-1400.png') });
    // In English the panel speaks English (the plan's own text stays Vietnamese).
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('tasks-panel').locator('h2').textContent()).toBe('Tasks');
    expect(await page.getByTestId('obstacle-detail').textContent()).toContain('Department of Construction');
    await page.screenshot({ path: join(SHOTS, 'obstacle-operator-en-1400.png') });
    await page.getByTestId('language-switch').click();
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
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
    await phone.locator('[data-testid="task-row"][data-code="V.1.2"]').waitFor();
    const box = await panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(SHOTS, 'tasks-list-390.png') });
    await phone.locator('[data-testid="task-row"][data-code="V.1.2"]').click();
    await phone.getByTestId('task-report').filter({ hasText: NOTE }).waitFor();
    await phone.getByTestId('task-report-form').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SHOTS, 'tasks-detail-390.png') });
    await phone.getByTestId('tasks-tab-obstacles').click();
    await phone.getByTestId('obstacle-row').first().waitFor();
    await phone.screenshot({ path: join(SHOTS, 'obstacles-390.png') });
    // Choosing a place: the sheet makes room for the map, a tap on the map is the place.
    await phone.getByTestId('obstacle-raise').click();
    await phone.getByTestId('obstacle-pick').click();
    const sheet = await panel.boundingBox();
    const map = await phone.getByTestId('map').boundingBox();
    if (!sheet || !map) throw new Error('no sheet or map');
    expect(sheet.y).toBeGreaterThan(map.y + 100);
    await phone.screenshot({ path: join(SHOTS, 'obstacle-pick-390.png') });
    await phone.mouse.click(map.x + map.width / 2, (map.y + sheet.y) / 2);
    await expect
      .poll(() => phone.getByTestId('obstacle-place').textContent())
      .toMatch(/^\d+\.\d+, \d+\.\d+$/);
    expect(watched.pageErrors).toEqual([]);
    await phone.close();
  });
});
