import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { keySiteRoutes } from '../sites/key-site-routes.js';
import { siteOfferRoutes } from '../sites/offer-routes.js';

/** Site offers by communes and the key sites register (Plan 317). Mounted under /api/v1 by app.ts. */
export function siteRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  app.route('/site-offers', siteOfferRoutes(db));
  app.route('/key-sites', keySiteRoutes(db));
  return app;
}
