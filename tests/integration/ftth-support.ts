/**
 * The authorisation matrix's requests for fibre to the home: an upload and a read for the owner
 * the matrix names (operator editors and viewers hold `own`: tried on operator A, their own, and
 * on operator B, which must answer 403), and the staff's summary.
 */
import type { App } from '../../apps/api/src/app.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

export async function ftthRouteAttempt(
  _app: App,
  key: string,
  _admin: unknown,
  context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  switch (key) {
    case 'POST /api/v1/ftth-reports':
      return {
        method,
        path: pattern,
        json: {
          orgId: context.owner,
          rows: [{ adminUnitCode: context.unitCode, homesPassed: 3, homes1Gbps: 2, asOf: '2026-01-01' }],
        },
      };
    case 'GET /api/v1/ftth-reports':
      return { method, path: `${pattern}?orgId=${context.owner}` };
    case 'GET /api/v1/ftth/communes':
      return { method, path: `${pattern}?householdSize=3&reachM=100` };
    default:
      return undefined;
  }
}
