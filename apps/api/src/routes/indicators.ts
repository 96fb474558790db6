import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Indicators against the 2030 targets and DII monitoring. Mounted under /api/v1 by app.ts. (Scaffold: the indicators work fills it in.) */
export function indicatorRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
