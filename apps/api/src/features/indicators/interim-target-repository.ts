/**
 * The city's interim targets for the 2027 milestone in the database (migrations/0026): planning
 * assumptions, not Plan 317's text. A cleared target keeps its row with `value` NULL, so its audit
 * history keeps one record id.
 */
import { INTERIM_MILESTONE_YEAR, type InterimTarget } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { organisations, indicatorInterimTargets as targets } from '@hatang/db/schema';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';

const FIELDS = {
  id: targets.id,
  key: targets.indicatorKey,
  value: targets.value,
  max: targets.maxValue,
  note: targets.note,
  setBy: organisations.name,
  setAt: targets.setAt,
  version: targets.version,
};

const withSetter = (db: Sql) =>
  orm(db).select(FIELDS).from(targets).innerJoin(organisations, eq(organisations.id, targets.setByOrgId));

export type InterimTargetRow = Awaited<ReturnType<typeof findInterimTarget>>;

/** The row of `key`'s interim target (set or cleared), locked in a transaction when `lock`. */
export async function findInterimTarget(db: Sql, key: string, lock = false) {
  const query = withSetter(db).where(
    and(eq(targets.indicatorKey, key), eq(targets.milestoneYear, INTERIM_MILESTONE_YEAR)),
  );
  const [row] = await (lock ? query.for('update', { of: targets }) : query);
  return row;
}

/** The row as the API shows it; null when cleared (or never set). */
export function interimTargetOf(row: InterimTargetRow): InterimTarget | null {
  if (!row || row.value === null) return null;
  return {
    key: row.key,
    year: INTERIM_MILESTONE_YEAR,
    value: row.value,
    max: row.max,
    note: row.note,
    assumption: true,
    setBy: row.setBy,
    setAt: row.setAt,
    version: row.version,
  };
}

/** Every interim target set (not cleared), by indicator key. */
export async function listInterimTargets(db: Sql): Promise<InterimTarget[]> {
  const rows = await withSetter(db)
    .where(and(eq(targets.milestoneYear, INTERIM_MILESTONE_YEAR), isNotNull(targets.value)))
    .orderBy(asc(targets.indicatorKey));
  return rows.flatMap((row) => interimTargetOf(row) ?? []);
}

export interface InterimTargetWrite {
  value: number | null;
  max: number | null;
  note: string;
  orgId: string;
  userId: string | null;
}

/** A first interim target for `key`; false when another request stored one meanwhile. */
export async function insertInterimTarget(tx: Sql, key: string, write: InterimTargetWrite): Promise<boolean> {
  const added = await orm(tx)
    .insert(targets)
    .values({
      id: crypto.randomUUID(),
      indicatorKey: key,
      milestoneYear: INTERIM_MILESTONE_YEAR,
      value: write.value,
      maxValue: write.max,
      note: write.note,
      setBy: write.userId,
      setByOrgId: write.orgId,
    })
    .onConflictDoNothing()
    .returning({ id: targets.id });
  return added.length > 0;
}

/** Sets (or clears, `value: null`) a stored interim target; bumps its version. */
export async function updateInterimTarget(
  tx: Sql,
  id: string,
  version: number,
  write: InterimTargetWrite,
): Promise<void> {
  await orm(tx)
    .update(targets)
    .set({
      value: write.value,
      maxValue: write.max,
      note: write.note,
      setBy: write.userId,
      setByOrgId: write.orgId,
      setAt: sql`now()`,
      version: version + 1,
    })
    .where(eq(targets.id, id));
}
