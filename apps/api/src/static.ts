import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.pbf': 'application/x-protobuf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Reads `relative` under `root`, refusing paths that climb out of it. */
function readInside(root: string, relative: string): { body: Buffer; type: string } | undefined {
  const path = resolve(root, normalize(`./${decodeURIComponent(relative)}`));
  if (!path.startsWith(resolve(root)) || !existsSync(path)) return undefined;
  try {
    const ext = /\.[a-z0-9]+$/i.exec(path)?.[0]?.toLowerCase() ?? '';
    return { body: readFileSync(path), type: TYPES[ext] ?? 'application/octet-stream' };
  } catch {
    return undefined; // a directory or an unreadable file: not found
  }
}

export interface StaticOptions {
  /** The built web app (apps/web/dist). */
  webDir: string;
  /** The repository's data/ folder (glyphs, basemap land). */
  dataDir: string;
}

/**
 * Serves what the map needs from this machine only: glyph PBFs, the basemap land polygons and
 * the built web app (with index.html for client-side routes).
 */
export function mountStatic(app: Hono<AppEnv>, options: StaticOptions): void {
  const send = (file: { body: Buffer; type: string }, cache: string) =>
    new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Cache-Control': cache },
    });

  app.get('/glyphs/:fontstack/:range', (c) => {
    const file = readInside(
      join(options.dataDir, 'glyphs'),
      `${c.req.param('fontstack')}/${c.req.param('range')}`,
    );
    // A missing range is not an error for MapLibre: an empty PBF means "no glyphs here".
    return file
      ? send(file, 'public, max-age=86400')
      : c.body(new Uint8Array(), 200, { 'Content-Type': 'application/x-protobuf' });
  });
  app.get('/basemap/land.geojson', (c) => {
    const file = readInside(options.dataDir, 'basemap-land.geojson');
    return file ? send(file, 'public, max-age=86400') : c.notFound();
  });
  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const asset = c.req.path === '/' ? undefined : readInside(options.webDir, c.req.path.slice(1));
    if (asset)
      return send(
        asset,
        c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    const index = readInside(options.webDir, 'index.html');
    return index ? send(index, 'no-cache') : next();
  });
}
