import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** `/colocation-requests` and `/notifications`: co-location requests between operators (issue #10). */
export function colocationRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
