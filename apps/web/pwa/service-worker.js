/**
 * Hatang's service worker (served as /sw.js, built by service-worker-plugin.ts, which replaces the
 * two placeholders below): after one online visit the app opens without a network.
 *
 * What it keeps, and why nothing in it belongs to one user:
 * - the app shell (index.html, the hashed bundles, icons, manifest): precached at install, one
 *   cache per build (`hatang-shell-<version>`), older builds' caches dropped on activation;
 * - the offline basemap (land polygons, glyph ranges): cache first, they change with releases only;
 * - the public reference data every user reads alike (admin units, organisations): network first,
 *   the last answer when offline.
 * Everything else under /api, /tiles and /ogc depends on who is signed in and is never cached here
 * (the app keeps the inspector's own last lists in IndexedDB, per user, cleared on sign-out).
 */
const VERSION = '__HATANG_SW_VERSION__';
/** @type {string[]} */
const PRECACHE = JSON.parse('__HATANG_PRECACHE__');
const SHELL = `hatang-shell-${VERSION}`;
const BASEMAP = 'hatang-basemap';
const REFERENCE = 'hatang-reference';
/** Same for every user (the public tier answers them in full). */
const REFERENCE_PATHS = new Set(['/api/v1/admin-units', '/api/v1/organisations']);
const API_PREFIXES = ['/api/', '/tiles/', '/ogc'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll([...PRECACHE, '/basemap/land.geojson']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('hatang-shell-') && k !== SHELL).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** The cached answer, else the network's (kept in `cacheName` when it is a 200). */
async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

/** The network's answer (kept when a 200), else the last one kept, else the network's error. */
async function networkFirst(request, cacheName, fallbackKey) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(cacheName)).put(fallbackKey ?? request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(fallbackKey ?? request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (REFERENCE_PATHS.has(path) && url.search === '') {
    event.respondWith(networkFirst(request, REFERENCE));
    return;
  }
  if (API_PREFIXES.some((p) => path.startsWith(p)) || path === '/sw.js') return;
  if (request.mode === 'navigate') {
    // Every page of the app is index.html (client-side routes, /cong-khai).
    event.respondWith(networkFirst(request, SHELL, '/'));
    return;
  }
  if (path.startsWith('/glyphs/') || path.startsWith('/basemap/')) {
    event.respondWith(cacheFirst(request, BASEMAP));
    return;
  }
  if (path.startsWith('/assets/') || path.startsWith('/icons/') || path === '/manifest.webmanifest')
    event.respondWith(cacheFirst(request, SHELL));
});
