import type { RoutePolicy } from '../policy/policy-table.js';

/** The site offer and key site routes' rows for ROUTE_POLICIES (spread into the table). */
export const SITE_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [];
