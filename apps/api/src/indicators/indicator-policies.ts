import type { RoutePolicy } from '../policy/policy-table.js';

/** The indicator and DII routes' rows for ROUTE_POLICIES (spread into the table). */
export const INDICATOR_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
