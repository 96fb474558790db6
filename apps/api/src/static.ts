import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';

const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json'],
  ['.geojson', 'application/geo+json'],
  ['.pbf', 'application/x-protobuf'],
  ['.png', 'image/png'],
  ['.svg', 'image/svg+xml'],
  ['.woff2', 'font/woff2'],
  ['.ico', 'image/x-icon'],
  ['.map', 'application/json'],
  ['.webmanifest', 'application/manifest+json'],
]);

/** Paths the API answers: never the web page, an unknown one is a JSON 404. */
const API_PREFIXES = ['/api', '/ogc', '/tiles'];
export const isApiPath = (path: string) =>
  API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * The URL's path, percent-decoded once (Hono's `c.req.path` keeps `%2F` and friends encoded, so
 * decoding it again would decode twice). A malformed escape (`%ZZ`) is the client's error: 400.
 */
export function decodedPath(url: string): string {
  const raw = new URL(url).pathname;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The path has a malformed percent-encoding');
  }
}

/**
 * The file `relative` (already decoded) names under `root`, when it is a readable file inside
 * it. Containment is exact: the resolved path must be the root itself or start with the root
 * plus a separator (a bare prefix check would let `/srv/web` read `/srv/web-secrets`).
 */
export async function readInside(
  root: string,
  relative: string,
): Promise<{ body: Buffer; type: string } | undefined> {
  if (relative.includes('\0')) return undefined;
  const base = resolve(root);
  const path = resolve(base, `.${sep}${relative}`);
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  try {
    // Read without blocking: the basemap land polygons are megabytes.
    if (!(await stat(path)).isFile()) return undefined;
    return {
      body: await readFile(path),
      type: TYPES.get(extname(path).toLowerCase()) ?? 'application/octet-stream',
    };
  } catch {
    return undefined; // missing or unreadable: not found
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
 * the built web app (with index.html for client-side routes). Paths under /api, /ogc and /tiles
 * are left to the API, whose unknown paths answer a JSON 404 (a GIS client asking for JSON must
 * never get the web page with 200).
 */
export function mountStatic(app: Hono<AppEnv>, options: StaticOptions): void {
  const send = (file: { body: Buffer; type: string }, cache: string) =>
    new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Cache-Control': cache },
    });

  app.get('/glyphs/:fontstack/:range', async (c) => {
    const path = decodedPath(c.req.url).slice('/glyphs/'.length);
    const file = await readInside(join(options.dataDir, 'glyphs'), path);
    // A missing range is not an error for MapLibre: an empty PBF means "no glyphs here".
    return file
      ? send(file, 'public, max-age=86400')
      : c.body(new Uint8Array(), 200, { 'Content-Type': 'application/x-protobuf' });
  });
  app.get('/basemap/land.geojson', async (c) => {
    const file = await readInside(options.dataDir, 'basemap-land.geojson');
    return file ? send(file, 'public, max-age=86400') : c.notFound();
  });
  app.get('*', async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    const path = decodedPath(c.req.url);
    const asset = path === '/' ? undefined : await readInside(options.webDir, path.slice(1));
    if (asset)
      return send(asset, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    const index = await readInside(options.webDir, 'index.html');
    return index ? send(index, 'no-cache') : next();
  });
}
