import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The repository root and where the browser tests leave their screenshots (gitignored). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

/** DEMO_PASSWORD of seeds/src/accounts.ts: every demo account has it. */
export const DEMO_PASSWORD = 'hatang-demo-2026';

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

/** Signs in through the header's form as a demo account and waits for the user menu. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('sign-in-button').click();
  const form = page.getByTestId('sign-in-form');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('user-name').waitFor({ timeout: 20_000 });
}

/** Signs out through the user menu and waits for the sign-in button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out-button').click();
  await page.getByTestId('sign-in-button').waitFor({ timeout: 20_000 });
}
