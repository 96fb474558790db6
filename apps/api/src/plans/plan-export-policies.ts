import type { RoutePolicy } from '../policy/policy-table.js';

/** The plan export routes' rows for ROUTE_POLICIES (spread into the table). */
export const PLAN_EXPORT_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
