/**
 * Builds /sw.js from pwa/service-worker.js: the list of files to precache (every file of this
 * build but source maps, plus index.html as `/` and the public icons and manifest) and a version
 * that changes with any of their contents, so a new build replaces the old cache.
 *
 * Hand-written rather than vite-plugin-pwa/workbox: the worker is ~100 lines we can read whole,
 * adds no dependency (and no lockfile churn) and needs no network at build time; workbox's
 * generated runtime would bring 5 packages for the same three cache strategies.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const TEMPLATE = fileURLToPath(new URL('./service-worker.js', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/** The files under public/ (as `/icons/icon-192.png`), which Vite copies into the build as they are. */
function publicFiles(dir = PUBLIC_DIR, prefix = '/'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? publicFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

export function serviceWorker(): Plugin {
  return {
    name: 'hatang-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const built: string[] = [];
      for (const [fileName, output] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName.endsWith('.map')) continue;
        hash.update(fileName).update(output.type === 'chunk' ? output.code : output.source);
        if (fileName !== 'index.html') built.push(`/${fileName}`);
      }
      const statics = publicFiles();
      for (const file of statics) hash.update(file).update(readFileSync(join(PUBLIC_DIR, file)));
      const template = readFileSync(TEMPLATE, 'utf8');
      hash.update(template);
      const precache = ['/', ...statics, ...built];
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace('__HATANG_SW_VERSION__', hash.digest('hex').slice(0, 16))
          .replace("JSON.parse('__HATANG_PRECACHE__')", JSON.stringify(precache)),
      });
    },
  };
}
