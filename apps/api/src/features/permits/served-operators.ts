/**
 * The operators an in-building application says its system will serve must be operator
 * organisations of the register: a typo'd or foreign id is refused with its path, before anything
 * is written. Only ids are compared, so the check tells nothing about other organisations.
 */
import { inBuildingWorksDetails, type PermitKind } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { organisations } from '@hatang/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { validationFailed } from '../../errors.js';

/** 400 (paths `details.operatorOrgIds.<i>`) unless every served operator is an operator organisation. */
export async function assertServedOperators(db: Sql, kind: PermitKind, details: unknown): Promise<void> {
  if (kind !== 'in_building') return;
  const ids = inBuildingWorksDetails.parse(details).operatorOrgIds;
  if (ids.length === 0) return;
  const rows = await orm(db)
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inArray(organisations.id, [...ids]), eq(organisations.kind, 'operator')));
  const known = new Set(rows.map((r) => r.id));
  const issues = ids.flatMap((id, i) =>
    known.has(id)
      ? []
      : [{ path: ['details', 'operatorOrgIds', i], message: 'must be an operator organisation' }],
  );
  if (issues.length > 0) throw validationFailed(issues);
}
