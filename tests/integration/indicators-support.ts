/**
 * Helpers for the indicator and DII tests, and the requests the app-wide authorisation matrix
 * makes for their routes.
 */

import type { App } from '../../apps/api/src/app.js';
import { readCatalogueFile } from '../../apps/api/src/features/indicators/dii-repository.js';
import { type PlanAttempt, planRouteAttempt } from './plans-support.js';

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every indicators route; `undefined` for other routes. A version's indicators are asked of the
 * plan fixtures' published version (everyone signed in may read it).
 */
export async function indicatorRouteAttempt(
  app: App,
  key: string,
  admin: { headers: Record<string, string> },
): Promise<PlanAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  switch (key) {
    case 'GET /api/v1/indicators':
    case 'GET /api/v1/dii/criteria':
    case 'GET /api/v1/dii/catalogues':
    case 'GET /api/v1/dii/values':
    case 'GET /api/v1/dii/dashboard':
    case 'GET /api/v1/dii/feed':
    case 'GET /api/v1/interim-targets':
      return { method, path: pattern };
    case 'PUT /api/v1/interim-targets/:key':
      // Green data centres: no other test reads its interim target.
      return {
        method,
        path: pattern.replace(':key', 'greenDataCentres'),
        json: { value: 1, note: 'Ma trận phân quyền' },
      };
    case 'GET /api/v1/plan-versions/:id/indicators': {
      const published = await planRouteAttempt(app, 'GET /api/v1/plan-versions/:id', admin);
      if (!published) throw new Error('no plan fixture for the indicators attempt');
      return { method, path: `${published.path}/indicators` };
    }
    case 'POST /api/v1/dii/criteria':
      // The shipped catalogue again: a new version with the same codes, so other tests' values stay valid.
      return { method, path: pattern, json: await readCatalogueFile() };
    case 'POST /api/v1/dii/values':
      return { method, path: pattern, json: { year: 2100, values: [{ criterionCode: 'HT1.03', value: 1 }] } };
    case 'POST /api/v1/dii/values/compute':
      return { method, path: pattern, json: { year: 2100 } };
    default:
      return undefined;
  }
}
