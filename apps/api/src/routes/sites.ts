import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Site offers by communes and the key sites register (Plan 317). Mounted under /api/v1 by app.ts. (Scaffold: the sites work fills it in.) */
export function siteRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
