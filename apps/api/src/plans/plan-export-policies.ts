import type { RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The plan export routes' rows for ROUTE_POLICIES (spread into the table). Reads with the same
 * rule as `GET /api/v1/plan-versions/:id`: every signed-in user at the policy level; the handlers
 * then hide drafts and baselines from all but admins, planners and reviewers (plan-access.ts).
 */
const SIGNED_IN: Rule = {
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
  viewer: 'all',
};

/** The files a version exports; the web app links to exactly these. */
export const PLAN_EXPORT_FILES = [
  'appendix.xlsx',
  'appendix.csv',
  'map.pdf',
  'map.png',
  'export.geojson',
  'export.gpkg',
] as const;

export const PLAN_EXPORT_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = PLAN_EXPORT_FILES.map(
  (file) =>
    [
      `GET /api/v1/plan-versions/:id/${file}`,
      { resource: 'plan-versions', action: 'read', rule: SIGNED_IN },
    ] as const,
);
