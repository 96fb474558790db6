/**
 * Registers /sw.js (built from apps/web/pwa/service-worker.js) so the app opens offline after one
 * online visit. Only in a build: the dev server has no /sw.js and serves modules, not bundles.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      // Without it the app still works online; say why in the console for whoever looks.
      console.warn('service worker not registered', error);
    });
  });
}
