import { cite } from '@hatang/contracts';
import { type Database, orm, type Sql } from '@hatang/db';
import { plans } from '@hatang/db/schema';
import { sql } from 'drizzle-orm';
import { insertVersion, snapshotRegister } from './version-repository.js';

/** The plan that Plan 317/KH-UBND (02/12/2025) asks the city to issue (legal: plan-317-2025-kh-ubnd V.1). */
export const DEMO_PLAN_NAME =
  'Quy hoạch hạ tầng kỹ thuật viễn thông thụ động thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2040';
export const DEMO_BASELINE_NAME = 'Hiện trạng khi khởi tạo dữ liệu minh hoạ';

/**
 * In the caller's transaction: when no plan exists yet, creates the demo plan and its baseline
 * snapshot of the register, and returns the plan's id; otherwise does nothing and returns null.
 * The plans table is locked first so two starting servers cannot both create it.
 * Not audited: like the demo data it is loaded by the server at start, not by a user's request.
 */
export async function ensureDemoPlanIn(tx: Sql): Promise<{ planId: string; baselineId: string } | null> {
  const db = orm(tx);
  await db.execute(sql`LOCK TABLE ${plans} IN SHARE ROW EXCLUSIVE MODE`);
  const existing = await db.select({ id: plans.id }).from(plans).limit(1);
  if (existing.length > 0) return null;
  const planId = crypto.randomUUID();
  await db.insert(plans).values({
    id: planId,
    name: DEMO_PLAN_NAME,
    horizonYear: 2030,
    visionYear: 2040,
    description: `Theo ${cite('plan-317-2025-kh-ubnd').vi} ngày 02/12/2025 của UBND thành phố Hải Phòng (dữ liệu minh hoạ).`,
    createdBy: null,
  });
  const baselineId = await insertVersion(tx, {
    planId,
    kind: 'baseline',
    name: DEMO_BASELINE_NAME,
    notes: 'Ảnh chụp sổ đăng ký hạ tầng khi khởi tạo dữ liệu minh hoạ / register snapshot at demo start',
    parentVersionId: null,
    createdBy: null,
  });
  await snapshotRegister(tx, baselineId, null);
  return { planId, baselineId };
}

/** Creates the demo plan (with its baseline) when the demo data is loaded and no plan exists yet. */
export async function ensureDemoPlan(db: Database): Promise<void> {
  const started = performance.now();
  const created = await db.transaction((tx) => ensureDemoPlanIn(tx));
  if (created) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Demo plan created with its baseline snapshot in ${seconds} s`);
  }
}
