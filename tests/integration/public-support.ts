/**
 * The public page's tests' shared pieces: the keys no public answer may carry, and the requests the
 * authorisation matrix makes for the public routes (everyone, anonymous included, gets 2xx).
 */
import { FIELD_TIERS } from '../../apps/api/src/policy/confidentiality.js';
import type { MatrixAttempt } from './matrix-context.js';

/** Asset bookkeeping every tier lists as above public, but that names nothing confidential by itself. */
const BOOKKEEPING = new Set(['code', 'version', 'createdAt', 'updatedAt']);

/**
 * Every property above the public tier of any asset kind (confidentiality.ts), and the fields that
 * name people, organisations or internal texts: who created, changed, approved or decided, tenancies,
 * e-mails, notes, obstacle and report texts, costs. A commune's or a task's `code` is public, so the
 * assets' bookkeeping keys are left out.
 */
export const CONFIDENTIAL_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(FIELD_TIERS)
    .flatMap((tiers) => [...tiers.sharing, ...tiers.full])
    .filter((k) => !BOOKKEEPING.has(k)),
  'createdBy',
  'updatedBy',
  'approvedBy',
  'decidedBy',
  'reportedBy',
  'enteredBy',
  'answeredBy',
  'tenancies',
  'tenants',
  'email',
  'displayName',
  'userId',
  'orgId',
  'ownerOrgId',
  'operatorOrgId',
  'responsibleOrgId',
  'raisedByOrg',
  'orgName',
  'notes',
  'note',
  'body',
  'answers',
  'evidence',
  'obstacles',
  'openObstacles',
  'attributes',
  'costVnd',
  'cost',
]);

/** Every object key anywhere in a parsed JSON value. */
export function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  return into;
}

/** For the authorisation matrix: the public routes take no parameter. */
export function publicRouteAttempt(key: string): MatrixAttempt | undefined {
  const [method = '', pattern = ''] = key.split(' ');
  return pattern.startsWith('/api/v1/public/') ? { method, path: pattern } : undefined;
}
