import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Plan exports: appendix tables (XLSX/CSV), print maps (PDF/PNG), GeoJSON/GeoPackage of a version. Mounted under /api/v1 by app.ts. (Scaffold: the plan exports work fills it in.) */
export function planExportRoutes(_db: Database) {
  return new Hono<AppEnv>();
}
