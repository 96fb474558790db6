import type { RoutePolicy } from '../policy/policy-table.js';

/** The colocation routes' rows for ROUTE_POLICIES (spread into the table). */
export const COLOCATION_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
