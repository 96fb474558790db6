import type { Database } from '@hatang/db';
import { type App, type AppDeps, createApp } from '../../apps/api/src/app.js';
import { authenticate } from '../../apps/api/src/auth/index.js';
import { ogcRoutes } from '../../apps/api/src/routes/ogc.js';
import { openApiRoutes } from '../../apps/api/src/routes/openapi.js';
import { tileRoutes } from '../../apps/api/src/routes/tiles.js';

/**
 * The real app with the tile, OGC API and OpenAPI routes mounted the way app.ts mounts them; until
 * app.ts wires them (they are built in parallel), this adds the same wiring after createApp.
 */
export function formatsApp(db: Database, deps: Omit<AppDeps, 'db'> = {}): App {
  const app = createApp({ db, ...deps });
  const has = (path: string) => app.routes.some((r) => r.path === path || r.path.startsWith(`${path}/`));
  if (!has('/tiles')) {
    app.use('/tiles/*', authenticate(db, deps.auth));
    app.route('/tiles', tileRoutes(db));
  }
  if (!has('/ogc')) {
    app.use('/ogc', authenticate(db, deps.auth));
    app.use('/ogc/*', authenticate(db, deps.auth));
    app.route('/ogc', ogcRoutes(db));
  }
  if (!has('/api/openapi.json')) app.route('/api', openApiRoutes());
  return app;
}
