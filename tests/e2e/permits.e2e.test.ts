/**
 * The permits panel in Chromium on a fresh server with the demo data: an operator (Sông Telecom's
 * editor) files a tower application 60 m from an existing demo tower that has free capacity and
 * enough height (chosen through the sharing API, so the test is deterministic) and submits it; the
 * reviewer opens it from the queue, sees the failed sharing check drawn on the map, rejects it with
 * a reason and downloads the decision PDF, whose text holds the reason.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, clickPanelButton, signIn, signOut, startE2e, waitForMapIdle, watchPage } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let foreignRequests: string[] = [];
const TITLE = `E2E trạm BTS ${Date.now().toString(36)}`;
const REASON = 'Phải dùng chung trạm hiện có cách 60 m (thử nghiệm E2E)';
const HEIGHT_M = 30;

/** The checks drawn on the map now: `check:result` of each rendered proving geometry. */
const renderedChecks = (p: Page) =>
  p.evaluate(() =>
    (
      window.__hatangMap?.queryRenderedFeatures({
        layers: ['permit-check-fill', 'permit-check-line', 'permit-check-point'].filter((id) =>
          window.__hatangMap?.getLayer(id),
        ),
      }) ?? []
    ).map((f) => `${String(f.properties.check)}:${String(f.properties.result)}`),
  );

/** Clicks the map canvas at pixel (x, y) of the canvas. */
async function clickAt(p: Page, [x, y]: [number, number]): Promise<void> {
  const box = await p.locator('canvas.maplibregl-canvas').boundingBox();
  if (!box) throw new Error('no map to click');
  await p.mouse.move(box.x + x, box.y + y);
  await p.mouse.click(box.x + x, box.y + y);
  await p.waitForTimeout(200);
}

/** Signs in on `p` through the API (its own browser context) and returns its CSRF token. */
async function apiSignIn(p: Page, email: string): Promise<string> {
  return p.evaluate(async (who) => {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: who, password: 'hatang-demo-2026' }),
    });
    if (!response.ok) throw new Error(`login answered ${response.status}`);
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }, email);
}

/**
 * A point 60 m east of an existing demo tower that the sharing API says could host a new
 * `heightM` tower of the signed-in operator (free capacity, enough height): `[lng, lat]`.
 */
function pickSite(p: Page, heightM: number) {
  return p.evaluate(async (required) => {
    type Point = {
      id: string;
      geometry: { coordinates: [number, number] };
      properties: Record<string, unknown>;
    };
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const body = (await (await fetch('/api/v1/towers?limit=10000')).json()) as { features: Point[] };
    const towers = body.features
      .filter((t) => t.properties.status === 'existing' && typeof t.properties.code === 'string')
      .sort((a, b) => String(a.properties.code).localeCompare(String(b.properties.code)));
    for (const tower of towers.slice(0, 60)) {
      const [lng, lat] = tower.geometry.coordinates;
      const point = [lng + 60 / (111_319.49 * Math.cos((lat * Math.PI) / 180)), lat];
      const response = await fetch('/api/v1/sharing/towers/nearby', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ point, requiredHeightM: required, technology: '4G' }),
      });
      if (!response.ok) throw new Error(`sharing/towers/nearby answered ${response.status}`);
      const answer = (await response.json()) as { candidates: { towerId: string; distanceM: number }[] };
      const host = answer.candidates.find((c) => c.towerId === tower.id);
      if (host && answer.candidates[0]?.towerId === tower.id)
        return {
          code: String(tower.properties.code),
          point: point as [number, number],
          distanceM: host.distanceM,
        };
    }
    throw new Error('no demo tower with free capacity and enough height');
  }, heightM);
}

describe('filing and reviewing a tower permit in Chromium', () => {
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

  it('lets an operator file a tower application next to a tower it should share, and submit it', async () => {
    await page.goto(server.baseUrl);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    await signIn(page, 'editor.song@hatang.demo');
    const site = await pickSite(page, HEIGHT_M);
    console.log(`new tower 60 m from ${site.code} (${site.distanceM} m) at ${site.point.join(',')}`);

    await clickPanelButton(page, 'permits');
    const panel = page.getByTestId('permits-panel');
    await panel.waitFor();
    await page.getByTestId('permit-new').click();
    const form = page.getByTestId('permit-form');
    await form.locator('select[name="kind"]').selectOption('tower');
    await form.locator('input[name="title"]').fill(TITLE);
    await form.locator('select[name="towerClass"]').selectOption('A2a');
    await form.locator('input[name="heightM"]').fill(String(HEIGHT_M));
    await form.locator('select[name="structure"]').selectOption('monopole');
    await form.locator('select[name="mounting"]').selectOption('on_ground');
    await form.locator('input[name="eirpW"]').fill('200');
    await form.locator('input[name="nearestBuildingM"]').fill('40');
    // A wrong location is named on its field before anything is sent.
    await form.locator('input[name="where"]').fill('not a place');
    await page.getByTestId('permit-save').click();
    await page.getByTestId('permit-error-where').waitFor();
    await form.locator('input[name="where"]').fill(`${site.point[0]}, ${site.point[1]}`);
    await page.getByTestId('permit-save').click();

    const view = page.getByTestId('permit-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 20_000 }).toBe('draft');
    expect(await page.getByTestId('permit-title').textContent()).toBe(TITLE);
    await page.getByTestId('permit-submit').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('submitted');
    const sharing = page.getByTestId('permit-check-sharing-obligation');
    await sharing.waitFor({ timeout: 20_000 });
    expect(await sharing.getAttribute('data-result')).toBe('fail');
    expect(await sharing.textContent()).toMatch(/Phải dùng chung|Must share/);
    await waitForMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'permits-operator-submitted.png') });
  });

  it('lets the reviewer open it from the queue, see the failed sharing check on the map, and reject it', async () => {
    await signOut(page);
    await signIn(page, 'reviewer@hatang.demo');
    // The side column stays open across a change of user (the panel starts afresh for the new one).
    const panel = page.getByTestId('permits-panel');
    if (!(await panel.isVisible())) await clickPanelButton(page, 'permits');
    await panel.waitFor();
    const row = panel.locator('[data-testid="permit-row"]', { hasText: TITLE });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-status')).toBe('submitted');
    expect(await row.getByTestId('permit-days').textContent()).toMatch(/0\/20/);
    await page.screenshot({ path: join(ARTIFACTS, 'permits-reviewer-queue.png') });
    await row.getByRole('button', { name: TITLE }).click();

    const view = page.getByTestId('permit-view');
    await view.waitFor();
    await waitForMapIdle(page);
    await expect.poll(() => renderedChecks(page), { timeout: 20_000 }).toContain('sharing-obligation:fail');
    // The check's colour is the legend's "fail" red.
    const colour = await page.evaluate(
      () =>
        window.__hatangMap
          ?.queryRenderedFeatures({ layers: ['permit-check-line'] })
          .find((f) => f.properties.check === 'sharing-obligation')?.properties.colour,
    );
    expect(colour).toBe('#dc2626');
    // Chosen in the list, the check's proof is brought back into view from elsewhere and drawn thicker.
    await page.evaluate(() => window.__hatangMap?.jumpTo({ center: [106.3, 20.6], zoom: 14 }));
    await page.getByTestId('permit-check-show-sharing-obligation').click();
    expect(await page.getByTestId('permit-check-sharing-obligation').getAttribute('class')).toBe('focused');
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              window.__hatangMap
                ?.queryRenderedFeatures({ layers: ['permit-check-line'] })
                .find((f) => f.properties.check === 'sharing-obligation')?.properties.focused,
          ),
        { timeout: 20_000 },
      )
      .toBe(1);
    // The context: the sharing circle around the new tower and the tower it should share.
    const context = await page.evaluate(() =>
      (
        window.__hatangMap?.queryRenderedFeatures({
          layers: ['permit-context-line', 'permit-context-towers'],
        }) ?? []
      ).map((f) => String(f.properties.role)),
    );
    expect(context).toEqual(expect.arrayContaining(['sharing-circle', 'host']));
    expect(await page.getByTestId('permit-legend').textContent()).toMatch(/Không đạt|Fail/);
    await page.screenshot({ path: join(ARTIFACTS, 'permits-reviewer-checks.png') });

    // A comment to the applicant is listed with the application.
    await page.getByTestId('permit-comment-text').fill('Đề nghị xem xét dùng chung trạm bên cạnh');
    await page.getByTestId('permit-comment-send').click();
    await page
      .getByTestId('permit-comment')
      .filter({ hasText: 'Đề nghị xem xét dùng chung trạm bên cạnh' })
      .waitFor({ timeout: 10_000 });

    await page.getByTestId('permit-reject').click();
    const review = page.getByTestId('permit-review-form');
    // A rejection without a reason is refused in the form.
    await page.getByTestId('permit-review-confirm').click();
    await review.locator('.permits-field-error').waitFor();
    await review.locator('textarea[name="text"]').fill(REASON);
    await page.getByTestId('permit-review-confirm').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('rejected');
    const link = page.getByTestId('permit-decision-pdf');
    await link.waitFor();
    expect(await page.getByTestId('permit-decision-number').textContent()).toMatch(/\d{4}\/TB-SXD/);
    expect(await link.textContent()).toMatch(/Tải quyết định \(PDF\)|Download decision/);
    await page.screenshot({ path: join(ARTIFACTS, 'permits-reviewer-rejected.png') });

    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/decision\.pdf$/);
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url ?? '');
      const bytes = new Uint8Array(await response.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { status: response.status, type: response.headers.get('content-type'), base64: btoa(binary) };
    }, href);
    expect(download.status).toBe(200);
    expect(download.type).toContain('application/pdf');
    const bytes = Buffer.from(download.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(ARTIFACTS, 'permits-decision.pdf'), bytes);
    const pdf = await getDocument({
      data: new Uint8Array(bytes),
      disableFontFace: true,
      useSystemFonts: false,
    }).promise;
    let text = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    }
    // pdfjs may split a line into several runs: compare without the spaces between them.
    const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
    expect(squash(text)).toContain(squash(REASON));

    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(await page.locator('.error-banner').count()).toBe(0);
  });

  it('lets the operator draw duct works on the map, attach a drawing, and answer a request for more information', async () => {
    await signOut(page);
    await signIn(page, 'editor.song@hatang.demo');
    const panel = page.getByTestId('permits-panel');
    if (!(await panel.isVisible())) await clickPanelButton(page, 'permits');
    await panel.waitFor();
    await page.getByTestId('permit-new').click();
    const form = page.getByTestId('permit-form');
    await form.locator('select[name="kind"]').selectOption('duct_works');
    const title = `${TITLE} cống bể`;
    await form.locator('input[name="title"]').fill(title);
    await form.locator('input[name="startsOn"]').fill('2027-03-01');
    await form.locator('input[name="endsOn"]').fill('2027-04-30');
    await form.locator('select[name="method"]').selectOption('duct');
    // Draw the route: three clicks, then the last vertex again to finish.
    await page.getByTestId('permit-pick').click();
    const route: [number, number][] = [
      [150, 300],
      [330, 360],
      [500, 330],
    ];
    for (const vertex of route) await clickAt(page, vertex);
    await clickAt(page, route[2] as [number, number]);
    await expect
      .poll(async () => (await form.locator('textarea[name="where"]').inputValue()).split('\n').length, {
        timeout: 10_000,
      })
      .toBe(3);
    // The click on the map drew; it opened no commune or asset panel.
    expect(await page.getByTestId('asset-panel').count()).toBe(0);
    await form.getByRole('button', { name: /Xong|Done/ }).click();
    await page.getByTestId('permit-save').click();
    const view = page.getByTestId('permit-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 20_000 }).toBe('draft');
    const id = await view.getAttribute('data-id');
    await waitForMapIdle(page);
    expect(
      await page.evaluate(
        () =>
          (window.__hatangMap?.queryRenderedFeatures({ layers: ['permit-application-line'] }) ?? []).length,
      ),
    ).toBeGreaterThan(0);

    // A file that says it is a PNG but is text is refused; a real PNG is listed.
    const file = page.getByTestId('permit-file');
    await file.setInputFiles({
      name: 'ban-ve.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not an image'),
    });
    await page.getByTestId('permit-upload').click();
    await expect
      .poll(() => page.getByTestId('permit-upload-error').textContent(), { timeout: 10_000 })
      .toMatch(/PDF, JPEG|PNG only/);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await file.setInputFiles({ name: 'ban-ve.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('permit-upload').click();
    await page
      .getByTestId('permit-attachments')
      .getByRole('link', { name: 'ban-ve.png' })
      .waitFor({ timeout: 10_000 });

    await page.getByTestId('permit-submit').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('submitted');
    expect(await page.getByTestId('permit-check-dig-once').count()).toBe(1);

    // The reviewer (in a browser context of their own) asks for more information.
    const reviewer = await browser.newPage();
    await reviewer.goto(`${server.baseUrl}/api/health`);
    const csrf = await apiSignIn(reviewer, 'reviewer@hatang.demo');
    const asked = await reviewer.evaluate(
      async ({ id, csrf }) => {
        const current = (await (await fetch(`/api/v1/permit-applications/${id}`)).json()) as {
          version: number;
        };
        const response = await fetch(`/api/v1/permit-applications/${id}/request-info`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': csrf,
            'if-match': `"${current.version}"`,
          },
          body: JSON.stringify({ reason: 'Bổ sung bản vẽ mặt cắt hào cáp' }),
        });
        return response.status;
      },
      { id, csrf },
    );
    await reviewer.close();
    expect(asked).toBe(200);

    // The operator sees the request, edits and resubmits.
    await page.getByRole('button', { name: /Danh sách|List/ }).click();
    const row = panel.locator('[data-testid="permit-row"]', { hasText: title });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('info_requested');
    await row.getByRole('button', { name: title }).click();
    expect(await page.getByTestId('permit-info-request').textContent()).toContain(
      'Bổ sung bản vẽ mặt cắt hào cáp',
    );
    await page.getByTestId('permit-edit').click();
    await form.locator('input[name="title"]').fill(`${title} (bổ sung)`);
    await page.getByTestId('permit-save').click();
    await expect
      .poll(() => page.getByTestId('permit-title').textContent(), { timeout: 20_000 })
      .toBe(`${title} (bổ sung)`);
    await page.getByTestId('permit-submit').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('submitted');
    await page.screenshot({ path: join(ARTIFACTS, 'permits-operator-resubmitted.png') });
    expect(pageErrors).toEqual([]);
  });
  it('lets the reviewer approve the resubmitted duct works with conditions, creating the duct under construction', async () => {
    await signOut(page);
    await signIn(page, 'reviewer@hatang.demo');
    const panel = page.getByTestId('permits-panel');
    if (!(await panel.isVisible())) await clickPanelButton(page, 'permits');
    await panel.waitFor();
    const title = `${TITLE} cống bể (bổ sung)`;
    const row = panel.locator('[data-testid="permit-row"]', { hasText: title });
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: title }).click();
    const view = page.getByTestId('permit-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 20_000 }).toBe('submitted');
    await page.getByTestId('permit-approve-conditions').click();
    const conditions = ['Hoàn trả mặt đường trong 7 ngày', 'Thông báo cho UBND phường trước khi thi công'];
    await page.getByTestId('permit-review-form').locator('textarea[name="text"]').fill(conditions.join('\n'));
    await page.getByTestId('permit-review-confirm').click();
    await expect
      .poll(() => view.getAttribute('data-status'), { timeout: 30_000 })
      .toBe('approved_with_conditions');
    const decision = page.getByTestId('permit-decision');
    for (const condition of conditions) expect(await decision.textContent()).toContain(condition);
    expect(await page.getByTestId('permit-decision-number').textContent()).toMatch(/\d{4}\/GPXD-SXD/);
    expect(await page.getByTestId('permit-asset').textContent()).toMatch(/cống bể cáp|duct/);
    await page.getByTestId('permit-decision-pdf').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'permits-reviewer-approved.png') });
    expect(pageErrors).toEqual([]);
  });
});
