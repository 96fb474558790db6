/** Every sharing route declared once: the finders and route planner, then the cleanup campaign. */
import { campaignRoutes } from './campaign-routes.js';
import { finderRoutes } from './finder-routes.js';

export const sharingRoutes = [...finderRoutes, ...campaignRoutes];
