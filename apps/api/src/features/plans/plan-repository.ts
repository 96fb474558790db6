/** Plans' reads and writes (table `plans`). */
import { orm, type Sql } from '@hatang/db';
import { plans } from '@hatang/db/schema';
import { asc, eq } from 'drizzle-orm';
import { isUuid } from '../../http/body.js';

const planFields = {
  id: plans.id,
  name: plans.name,
  horizonYear: plans.horizonYear,
  visionYear: plans.visionYear,
  description: plans.description,
  createdAt: plans.createdAt,
};

/** The plan, or undefined (for an id that is no UUID too); `lock` holds its row for an update. */
export async function findPlan(db: Sql, id: string, lock = false) {
  if (!isUuid(id)) return undefined;
  const query = orm(db).select(planFields).from(plans).where(eq(plans.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** Every plan, oldest first. */
export function listPlans(db: Sql): Promise<PlanRow[]> {
  return orm(db).select(planFields).from(plans).orderBy(asc(plans.createdAt), asc(plans.id));
}

export interface NewPlan {
  name: string;
  horizonYear: number;
  visionYear: number;
  description: string | null;
}

export async function insertPlan(tx: Sql, plan: NewPlan, userId: string | null): Promise<PlanRow> {
  const [row] = await orm(tx)
    .insert(plans)
    .values({ id: crypto.randomUUID(), ...plan, createdBy: userId })
    .returning(planFields);
  if (!row) throw new Error('plan vanished after insert');
  return row;
}

/** Holds the plan's row until the transaction ends (approvals of one plan, one at a time). */
export async function lockPlan(tx: Sql, id: string): Promise<void> {
  await orm(tx).select({ id: plans.id }).from(plans).where(eq(plans.id, id)).for('update');
}
