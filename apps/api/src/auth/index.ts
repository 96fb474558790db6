/** What the app needs to authenticate requests and serve the account routes. */

export { DEFAULT_SCRYPT_N, hashPassword, verifyPassword } from '@hatang/accounts';
export { apiKeyRoutes } from '../routes/api-keys.js';
export { authRoutes } from '../routes/auth.js';
export { userRoutes } from '../routes/users.js';
export { authenticate, requireAdmin, requirePrincipal } from './authenticate.js';
export type { AuthOptions } from './options.js';
export type { Principal } from './principal.js';
