import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Permit applications and their automatic checks. Mounted under /api/v1 by app.ts. (Scaffold: the permits work fills it in.) */
export function permitRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
