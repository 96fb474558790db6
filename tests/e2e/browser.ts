import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type AxeCore from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningServer, startServer } from './server-process';

/** The repository root and where the browser tests leave their screenshots (gitignored). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

/** DEMO_PASSWORD of seeds/src/accounts.ts: every demo account has it. */
export const DEMO_PASSWORD = 'hatang-demo-2026';

declare global {
  interface Window {
    /** axe-core, once seriousA11yViolations has loaded it into the page. */
    axe?: typeof AxeCore;
  }
}

/** axe-core's browser bundle (the accessibility checks). */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Debian's Chromium, headless, offline and rendering WebGL in software (swiftshader), so MapLibre
 * draws without a GPU; the background-networking flags keep it from calling out (no internet here).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Signs in through the header's form as a demo account and waits for the user menu (on a phone the name is in the ☰ menu: its sign-out button shows it is done). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('sign-in-button').click();
  const form = page.getByTestId('sign-in-form');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('sign-out-button').waitFor({ timeout: 20_000 });
}

/** Signs out through the user menu and waits for the sign-in button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out-button').click();
  await page.getByTestId('sign-in-button').waitFor({ timeout: 20_000 });
}

/** The web build the server serves: HATANG_WEB_DIR (parallel runs build into their own folders) or apps/web/dist. */
const webDir = () => process.env.HATANG_WEB_DIR ?? join(ROOT, 'apps/web/dist');

/**
 * A browser test's start: checks the web build exists, makes the artifacts folder, starts the real
 * server on a fresh embedded database (or DATABASE_URL) and launches Chromium.
 */
export async function startE2e(): Promise<{ server: RunningServer; browser: Browser }> {
  if (!existsSync(join(webDir(), 'index.html')))
    throw new Error(`${webDir()} is missing: run \`npm run build\` before \`npm run test:e2e\``);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer(ROOT);
  return { server, browser: await launchChromium() };
}

/** What a page did that a test should see: requests that left the app's origin, and script errors. */
export function watchPage(page: Page, origin: string): { foreignRequests: string[]; pageErrors: string[] } {
  const watched = { foreignRequests: [] as string[], pageErrors: [] as string[] };
  page.on('request', (r) => {
    const url = r.url();
    if (
      !url.startsWith('data:') &&
      !url.startsWith('blob:') &&
      new URL(url).origin !== new URL(origin).origin
    )
      watched.foreignRequests.push(url);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  return watched;
}

/** Waits until the app's map has drawn everything it has (the next `idle` after a repaint). */
export function waitForMapIdle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__hatangMap;
        if (!map) throw new Error('window.__hatangMap is not set');
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/**
 * Clicks a side panel's header button (`plan`, `tasks`…), opening the header's "More" menu first
 * when the button is folded into it (a narrow window, a phone, a role with many panels).
 */
export async function clickPanelButton(page: Page, panel: string): Promise<void> {
  const button = page.getByTestId(`${panel}-button`);
  if (!(await button.isVisible())) await page.getByTestId('menu-toggle').click();
  await button.click();
}

/** The side panels the header offers the signed-in user, in the row or in its menu. */
export async function panelButtons(page: Page): Promise<string[]> {
  const toggle = page.getByTestId('menu-toggle');
  const openMenu = (await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) !== 'true';
  if (openMenu) await toggle.click();
  const ids = await page
    .locator('[data-testid="panel-nav"] button[data-testid$="-button"]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid') ?? ''));
  if (openMenu) await toggle.click();
  return ids.map((id) => id.replace(/-button$/, ''));
}

/** Starts adding an asset of `kind` (`towers`, `ducts`…) from the map toolbar's "Add" menu. */
export async function startAdding(page: Page, kind: string): Promise<void> {
  const item = page.locator(`[data-add="${kind}"]`);
  if (!(await item.isVisible())) await page.getByTestId('add-menu').click();
  await item.click();
}

/** axe-core's rule failures of impact "serious" or "critical" on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy allows no injected tag.
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    if (!window.axe) throw new Error('axe-core did not load');
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.slice(0, 3).join(', ')}`);
}
