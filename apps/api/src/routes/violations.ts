import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** `/violations`: commune inspections of violations (issue #9). */
export function violationRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
