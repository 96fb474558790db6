import type { RoutePolicy } from '../policy/policy-table.js';

/** The sharing and route-planner routes' rows for ROUTE_POLICIES (spread into the table). */
export const SHARING_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
