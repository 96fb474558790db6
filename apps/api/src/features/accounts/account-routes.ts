/** The accounts feature's routes: sessions, users, API keys (first-admin setup and health: app.ts). */
import { apiKeyRoutes } from './api-key-routes.js';
import { sessionRoutes } from './session-routes.js';
import { userRoutes } from './user-routes.js';

export const accountRoutes = [...sessionRoutes, ...userRoutes, ...apiKeyRoutes];
