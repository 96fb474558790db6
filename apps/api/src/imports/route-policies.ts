/**
 * Policy entries for the import and export routes, to be spread into ROUTE_POLICIES
 * (policy/policy-table.ts). Kept here so the routes and who may call them change together.
 */
import type { RoutePolicy, Rule } from '../policy/policy-table.js';

const EVERYONE: Rule = {
  anonymous: 'all',
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
  viewer: 'all',
};
/** As for POST /api/v1/<asset>: an operator editor imports only its own organisation's assets. */
const ASSET_EDITORS: Rule = { admin: 'all', planner: 'all', operator_editor: 'own' };
/** The population grid is the city's reference data: city departments only. */
const CITY_DATA_EDITORS: Rule = { admin: 'all', planner: 'all' };

const entry = (method: string, path: string, resource: string, action: RoutePolicy['action'], rule: Rule) =>
  [`${method} ${path}`, { resource, action, rule }] as const;

export const IMPORT_EXPORT_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [
  entry('POST', '/api/v1/imports', 'imports', 'create', ASSET_EDITORS),
  entry('GET', '/api/v1/imports/:id', 'imports', 'read', ASSET_EDITORS),
  entry('PATCH', '/api/v1/imports/:id', 'imports', 'update', ASSET_EDITORS),
  entry('GET', '/api/v1/imports/:id/report.csv', 'imports', 'read', ASSET_EDITORS),
  entry('GET', '/api/v1/imports/:id/duplicates', 'imports', 'read', ASSET_EDITORS),
  entry('POST', '/api/v1/imports/:id/commit', 'imports', 'create', ASSET_EDITORS),
  entry('POST', '/api/v1/imports/population', 'population', 'update', CITY_DATA_EDITORS),
  // Exports are reads like GET /api/v1/<asset>: everyone, each feature redacted to the viewer's tier.
  entry('GET', '/api/v1/exports/:resource', 'exports', 'read', EVERYONE),
  entry('GET', '/api/v1/exports/ofds/:part', 'exports', 'read', EVERYONE),
];
