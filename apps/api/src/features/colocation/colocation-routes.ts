/** Co-location requests, occupancies and notifications (issue #10), declared once. */
import { notificationRoutes } from './notification-routes.js';
import { occupancyRoutes } from './occupancy-routes.js';
import { oversightRoutes } from './oversight-routes.js';
import { requestDetailRoutes } from './request-detail-routes.js';
import { requestRoutes, transitionRoutes } from './request-routes.js';

// The static paths (`/colocation-requests/oversight`) before `/colocation-requests/:id`.
export const colocationRoutes = [
  ...oversightRoutes,
  ...requestRoutes,
  ...transitionRoutes,
  ...requestDetailRoutes,
  ...occupancyRoutes,
  ...notificationRoutes,
];
