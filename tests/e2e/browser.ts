import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

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
