/**
 * Every route declared once (http/define-route.ts), by feature. The app mounts them, the policy
 * table and the OpenAPI document read them. Features still written the older way are mounted in
 * app.ts with their entries in policy/policy-table.ts.
 */
import type { RouteDefinition } from '../http/define-route.js';
import { analysisRoutes } from './analysis/analysis-routes.js';
import { contextRoutes } from './context/context-routes.js';
import { permitRoutes } from './permits/permit-routes.js';
import { siteRoutes } from './sites/site-routes.js';

export const DECLARED_ROUTES: readonly RouteDefinition[] = [
  ...contextRoutes,
  ...analysisRoutes,
  ...siteRoutes,
  ...permitRoutes,
];
