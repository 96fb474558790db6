/** The authorisation matrix's request for the search box: everyone, anonymous included, gets 200. */
import type { MatrixAttempt } from './matrix-context.js';

export function searchRouteAttempt(key: string): MatrixAttempt | undefined {
  const [method = '', pattern = ''] = key.split(' ');
  return pattern === '/api/v1/search'
    ? { method, path: `${pattern}?q=ma%20tr%E1%BA%ADn&limit=5` }
    : undefined;
}
