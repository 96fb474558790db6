/**
 * Creating and editing organisations (admins), each write one transaction with its audit entry.
 * Rules (packages/contracts/src/admin.ts): a commune office names its commune and no other kind
 * does; the code is fixed; an office with inspectors stays a commune office (its inspectors
 * follow it to a new commune, since a user's commune is their organisation's).
 */
import type {
  AdminOrganisation,
  CreateOrganisationRequest,
  Issue,
  UpdateOrganisationRequest,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { nextAuditVersion, recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import {
  adminUnitExists,
  codeTaken,
  countInspectors,
  findAdminOrganisation,
  insertOrganisation,
  lockOrganisation,
  type OrganisationWrite,
  updateOrganisation,
} from './organisation-repository.js';

export const ORGANISATIONS = 'organisations';

/** What the audit log keeps of an organisation (no derived counts). */
const snapshot = (o: AdminOrganisation) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  adminUnitCode: o.adminUnitCode,
  planAgency: o.planAgency,
});

/** Every problem of the organisation as it would be stored: its commune against its kind. */
async function communeIssues(db: Sql, write: OrganisationWrite): Promise<Issue[]> {
  if (write.kind !== 'commune') {
    return write.adminUnitCode === null
      ? []
      : [{ path: ['adminUnitCode'], message: 'only a commune office (kind commune) has a commune' }];
  }
  if (write.adminUnitCode === null)
    return [{ path: ['adminUnitCode'], message: 'a commune office must name its commune' }];
  if (!(await adminUnitExists(db, write.adminUnitCode)))
    return [{ path: ['adminUnitCode'], message: `unknown commune ${write.adminUnitCode}` }];
  return [];
}

export async function createOrganisation(
  c: Context<AppEnv>,
  body: CreateOrganisationRequest,
): Promise<AdminOrganisation> {
  const db = c.var.services.db;
  const write: OrganisationWrite = {
    name: body.name,
    kind: body.kind,
    adminUnitCode: body.adminUnitCode ?? null,
    planAgency: body.planAgency ?? null,
  };
  const issues = await communeIssues(db, write);
  if (issues.length) throw validationFailed(issues);
  const id = crypto.randomUUID();
  return db.transaction(async (tx) => {
    if (await codeTaken(tx, body.code)) throw codeConflict(body.code);
    await insertOrganisation(tx, id, body.code, write);
    const created = await findAdminOrganisation(tx, id);
    if (!created) throw new Error('the organisation was not stored');
    await recordAudit(tx, c, {
      resource: ORGANISATIONS,
      recordId: id,
      action: 'create',
      version: 1,
      before: null,
      after: snapshot(created),
    });
    return created;
  });
}

const codeConflict = (code: string) =>
  new ApiError(409, 'CONFLICT', `An organisation with the code ${code} already exists`, [
    { path: ['code'], message: 'already in use' },
  ]);

export async function editOrganisation(
  c: Context<AppEnv>,
  id: string,
  body: UpdateOrganisationRequest,
): Promise<AdminOrganisation> {
  const db = c.var.services.db;
  return db.transaction(async (tx) => {
    const current = await lockOrganisation(tx, id);
    if (!current) throw notFound('Organisation');
    const kind = body.kind ?? current.kind;
    const write: OrganisationWrite = {
      name: body.name ?? current.name,
      kind,
      // Leaving the commune office kind drops the commune unless the edit names one (then refused).
      adminUnitCode:
        body.adminUnitCode !== undefined
          ? body.adminUnitCode
          : kind === 'commune'
            ? current.adminUnitCode
            : null,
      planAgency: body.planAgency !== undefined ? body.planAgency : current.planAgency,
    };
    const issues = await communeIssues(tx, write);
    if (issues.length) throw validationFailed(issues);
    if (current.kind === 'commune' && kind !== 'commune') {
      const inspectors = await countInspectors(tx, id);
      if (inspectors > 0)
        throw new ApiError(
          409,
          'CONFLICT',
          `${inspectors} inspector(s) belong to this commune office: move them to another office first`,
          [{ path: ['kind'], message: 'a commune office with inspectors stays a commune office' }],
        );
    }
    await updateOrganisation(tx, id, write);
    const after = await findAdminOrganisation(tx, id);
    if (!after) throw new Error('the organisation was not stored');
    await recordAudit(tx, c, {
      resource: ORGANISATIONS,
      recordId: id,
      action: 'update',
      version: await nextAuditVersion(tx, ORGANISATIONS, id),
      before: snapshot(current),
      after: snapshot(after),
    });
    return after;
  });
}
