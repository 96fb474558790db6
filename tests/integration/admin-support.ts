/** The authorisation matrix's requests for administration: organisations and the audit log. */
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import type { Session } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

let serial = 0;
/** A code no other run or test uses. */
export const uniqueOrgCode = (prefix: string) =>
  `${prefix}-${(serial++).toString(36)}${crypto.randomUUID().slice(0, 6)}`.toUpperCase();

export async function adminRouteAttempt(
  _app: App,
  key: string,
  _admin: Session,
  _context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  switch (key) {
    case 'GET /api/v1/admin/organisations':
      return { method, path: pattern };
    case 'POST /api/v1/organisations':
      return {
        method,
        path: pattern,
        json: { code: uniqueOrgCode('MX'), name: 'Ma trận', kind: 'operator' },
      };
    case 'PATCH /api/v1/organisations/:id': {
      const id = await createOrganisation(await testDatabase(), 'operator');
      return { method, path: pattern.replace(':id', id), json: { name: 'Đổi tên' } };
    }
    case 'GET /api/v1/audit-log':
      return { method, path: `${pattern}?limit=5&action=create` };
    case 'GET /api/v1/audit-log/export.csv':
      return { method, path: `${pattern}?resource=organisations&from=2026-01-01` };
    default:
      return undefined;
  }
}
