/**
 * Site offers by communes and the key sites register (Plan 317), declared once.
 * legal: plan-317-2025-kh-ubnd
 */
import { keySiteRoutes } from './key-site-routes.js';
import { siteOfferRoutes } from './offer-routes.js';

export const siteRoutes = [...siteOfferRoutes, ...keySiteRoutes];
