import type { RoutePolicy } from '../policy/policy-table.js';

/** The violations routes' rows for ROUTE_POLICIES (spread into the table). */
export const VIOLATION_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
