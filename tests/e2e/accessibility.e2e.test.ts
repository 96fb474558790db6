/**
 * Accessibility in Chromium (#18 item 8): axe-core finds no serious or critical violation on the
 * map, in every side panel each role opens, in the forms people fill most (a violation, a permit
 * application), the admin page and the public page, at desktop and phone sizes; and the header's
 * panels can be reached and opened with the keyboard alone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickPanelButton, panelButtons, seriousA11yViolations, signIn, signOut, startE2e } from './browser';
import type { RunningServer } from './server-process';

let server: RunningServer;
let browser: Browser;

async function openApp(viewport: { width: number; height: number }, path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(new URL(path, server.baseUrl).toString());
  await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
  return page;
}

/** Each view's serious findings, keyed by the view, so a failure says where. */
async function findings(page: Page, view: string, into: Record<string, string[]>): Promise<void> {
  const found = await seriousA11yViolations(page);
  if (found.length > 0) into[view] = found;
}

describe('accessibility in Chromium (axe-core)', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds no serious violation on the map and in every panel a planner opens', async () => {
    const page = await openApp({ width: 1440, height: 900 });
    const found: Record<string, string[]> = {};
    await findings(page, 'map, anonymous', found);
    await signIn(page, 'planner@hatang.demo');
    const panels = await panelButtons(page);
    expect(panels.length).toBeGreaterThan(5);
    for (const panel of panels) {
      await clickPanelButton(page, panel);
      await page.getByTestId(`${panel}-panel`).waitFor();
      // Let the panel's first answers arrive (lists, tables) before checking.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await findings(page, `${panel} panel, planner`, found);
    }
    await clickPanelButton(page, panels.at(-1) ?? 'analysis');
    await page.getByTestId('add-menu').click();
    await findings(page, 'add menu', found);
    expect(found).toEqual({});
    await page.close();
  });

  it('finds none in the inspector, reviewer, operator and admin screens, nor on the public page', async () => {
    const page = await openApp({ width: 1440, height: 900 });
    const found: Record<string, string[]> = {};
    await signIn(page, 'inspector@hatang.demo');
    await clickPanelButton(page, 'violations');
    await page.getByTestId('violation-record').click();
    await findings(page, 'violation form, inspector', found);
    await signOut(page);
    await signIn(page, 'reviewer@hatang.demo');
    await clickPanelButton(page, 'permits');
    await page.getByTestId('permits-panel').waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await findings(page, 'permits queue, reviewer', found);
    await signOut(page);
    await signIn(page, 'editor.bien@hatang.demo');
    await clickPanelButton(page, 'permits');
    await page.getByTestId('permit-new').click();
    await findings(page, 'permit application form, operator', found);
    await signOut(page);
    await signIn(page, 'admin@hatang.demo');
    await page.getByTestId('admin-link').click();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await findings(page, 'admin page', found);
    await page.goto(new URL('/cong-khai', server.baseUrl).toString());
    await page.getByTestId('public-indicators-table').waitFor({ timeout: 180_000 });
    await findings(page, 'public page', found);
    expect(found).toEqual({});
    await page.close();
  });

  it('finds none on a phone, menu open and a panel as a sheet', async () => {
    const page = await openApp({ width: 390, height: 844 });
    const found: Record<string, string[]> = {};
    await signIn(page, 'planner@hatang.demo');
    await page.getByTestId('menu-toggle').click();
    await findings(page, 'phone menu', found);
    await page.getByTestId('tasks-button').click();
    await page.getByTestId('tasks-panel').waitFor();
    await findings(page, 'phone tasks sheet', found);
    expect(found).toEqual({});
    await page.close();
  });

  it('opens and closes a panel with the keyboard alone, focus visible', async () => {
    const page = await openApp({ width: 1440, height: 900 });
    await signIn(page, 'planner@hatang.demo');
    // Tab from the top of the page to the Analysis button and press Enter.
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.getAttribute('data-testid') === 'analysis-button',
      );
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByTestId('analysis-panel').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('analysis-panel').count()).toBe(0);
    await page.close();
  });
});
