import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Sharing opportunities (/sharing/…) and the route planner (/routes/plan). Mounted under /api/v1 by app.ts. (Scaffold: the sharing work fills it in.) */
export function sharingRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
