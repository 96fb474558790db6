import type { RoutePolicy } from '../policy/policy-table.js';

/** The permit routes' rows for ROUTE_POLICIES (spread into the table). */
export const PERMIT_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
