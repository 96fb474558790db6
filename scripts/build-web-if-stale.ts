/**
 * `npm start` runs this before the server: builds the web app only when apps/web/dist is missing
 * or older than its sources, so a warm start does not wait for a Vite build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'apps/web');
const builtIndex = join(web, 'dist/index.html');

/** Newest modification time (ms) under `path`, skipping node_modules and dist. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const sources = [
  web,
  join(root, 'packages/contracts/src'),
  join(root, 'packages/geo/src'),
  join(root, 'package-lock.json'),
];
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newest));

if (builtAt > sourcesAt) {
  console.log('Web app is up to date (apps/web/dist).');
} else {
  console.log('Building the web app…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@hatang/web'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
