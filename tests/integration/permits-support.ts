import type { App } from '../../apps/api/src/app.js';
import type { PlanAttempt } from './plans-support.js';

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every permits route; `undefined` for other routes.
 */
export async function permitRouteAttempt(
  _app: App,
  _key: string,
  _admin: { headers: Record<string, string> },
): Promise<PlanAttempt | undefined> {
  return undefined;
}
