/**
 * Every route declared once (http/define-route.ts), by feature. The app mounts them, the policy
 * table and the OpenAPI document read them. Features still written the older way are mounted in
 * app.ts with their entries in policy/policy-table.ts.
 */
import type { RouteDefinition } from '../http/define-route.js';
import { accountRoutes } from './accounts/account-routes.js';
import { adminRoutes } from './admin/admin-routes.js';
import { analysisRoutes } from './analysis/analysis-routes.js';
import { assetRoutes } from './assets/asset-routes.js';
import { colocationRoutes } from './colocation/colocation-routes.js';
import { contextRoutes } from './context/context-routes.js';
import { exportRoutes } from './exports/export-routes.js';
import { ftthRoutes } from './ftth/ftth-routes.js';
import { importRoutes } from './imports/import-routes.js';
import { indicatorRoutes } from './indicators/indicator-routes.js';
import { permitRoutes } from './permits/permit-routes.js';
import { plansFeatureRoutes } from './plans/plan-routes.js';
import { publicRoutes } from './public/public-routes.js';
import { searchRoutes } from './search/search-routes.js';
import { sharingRoutes } from './sharing/sharing-routes.js';
import { siteRoutes } from './sites/site-routes.js';
import { taskRoutes } from './tasks/task-routes.js';
import { tilesOgcRoutes } from './tiles-ogc/tiles-ogc-routes.js';
import { violationRoutes } from './violations/violation-routes.js';

export const DECLARED_ROUTES: readonly RouteDefinition[] = [
  ...accountRoutes,
  ...adminRoutes,
  ...contextRoutes,
  ...analysisRoutes,
  ...assetRoutes,
  ...siteRoutes,
  ...violationRoutes,
  ...sharingRoutes,
  ...colocationRoutes,
  ...plansFeatureRoutes,
  ...permitRoutes,
  ...indicatorRoutes,
  ...tilesOgcRoutes,
  ...importRoutes,
  ...exportRoutes,
  ...taskRoutes,
  ...publicRoutes,
  ...ftthRoutes,
  ...searchRoutes,
];
