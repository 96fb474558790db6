/**
 * The demo plan the server creates at start (ensureDemoPlan): Plan 317's plan with a baseline
 * snapshot of the register, only when no plan exists, once. The "no plan yet" cases run in a
 * transaction that is rolled back, so they hold on a database other tests share.
 */
import type { Database, Sql } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PLAN_NAME,
  ensureDemoPlan,
  ensureDemoPlanIn,
} from '../../apps/api/src/features/plans/demo-plan.js';
import { createOrganisation, farAway } from '../support/fixtures.js';
import { testDatabase } from '../support/test-database.js';

let db: Database;

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back. */
async function rolledBack(fn: (tx: Sql) => Promise<void>): Promise<void> {
  await expect(
    db.transaction(async (tx) => {
      await fn(tx);
      throw new Rollback('roll back');
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

/** Register rows a baseline copies: the asset tables snapshotRegister reads, decommissioned left out. */
async function registerCount(tx: Sql): Promise<number> {
  const tables = [
    'towers',
    'ducts',
    'trenches_tunnels',
    'landing_stations',
    'submarine_cables',
    'wifi_points',
  ];
  let total = 0;
  for (const table of tables) {
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE status <> 'decommissioned'`,
    );
    total += row?.n ?? 0;
  }
  return total;
}

async function insertTower(tx: Sql, status: string, at: [number, number]): Promise<string> {
  const id = crypto.randomUUID();
  const owner = await createOrganisation(tx);
  await tx.query(
    `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m,
       antenna_slots_total, tenants_max, geom)
     VALUES ($1, $2, $3, $4, 'A2b', 'monopole', 'ground', 30, 6, 3, ST_SetSRID(ST_MakePoint($5, $6), 4326))`,
    [id, `DEMO-PLAN-${id.slice(0, 8)}`, owner, status, at[0], at[1]],
  );
  return id;
}

beforeAll(async () => {
  db = await testDatabase();
});

describe('the demo plan', () => {
  it('creates the plan and a baseline snapshot of the register when no plan exists, once', async () => {
    await rolledBack(async (tx) => {
      await tx.query('DELETE FROM plans');
      const kept = await insertTower(tx, 'existing', farAway(7101));
      const gone = await insertTower(tx, 'decommissioned', farAway(7102));
      const expected = await registerCount(tx);

      const started = performance.now();
      const created = await ensureDemoPlanIn(tx);
      const ms = performance.now() - started;
      console.log(
        `demo plan baseline snapshot of ${expected} register rows on ${db.kind}: ${ms.toFixed(0)} ms`,
      );
      expect(created).not.toBeNull();

      const plans = await tx.query<{ id: string; name: string; horizon: number; vision: number }>(
        'SELECT id::text AS id, name, horizon_year AS horizon, vision_year AS vision FROM plans',
      );
      expect(plans).toEqual([{ id: created?.planId, name: DEMO_PLAN_NAME, horizon: 2030, vision: 2040 }]);
      const versions = await tx.query<{ id: string; kind: string; items: number }>(
        `SELECT v.id::text AS id, v.kind, (SELECT count(*)::int FROM plan_items i WHERE i.plan_version_id = v.id) AS items
         FROM plan_versions v WHERE v.plan_id = $1`,
        [created?.planId],
      );
      expect(versions).toEqual([{ id: created?.baselineId, kind: 'baseline', items: expected }]);
      const origins = await tx.query<{ origin: string; kind: string; status: string }>(
        `SELECT origin_id::text AS origin, kind, status FROM plan_items
         WHERE plan_version_id = $1 AND origin_id = ANY($2::uuid[])`,
        [created?.baselineId, `{${kept},${gone}}`],
      );
      expect(origins).toEqual([{ origin: kept, kind: 'tower_site', status: 'existing' }]);

      // Started again: a plan exists, nothing more is created.
      expect(await ensureDemoPlanIn(tx)).toBeNull();
      const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM plans');
      expect(count?.n).toBe(1);
    });
  });

  it('leaves the plans alone when one exists already', async () => {
    await db.query(
      `INSERT INTO plans (id, name, horizon_year, vision_year) VALUES ($1, 'Plan of the demo-plan test', 2030, 2040)`,
      [crypto.randomUUID()],
    );
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM plans'))[0]?.n ?? 0;
    const named = async () =>
      (
        await db.query<{ n: number }>('SELECT count(*)::int AS n FROM plans WHERE name = $1', [
          DEMO_PLAN_NAME,
        ])
      )[0]?.n ?? 0;
    const [plansBefore, demoBefore] = [await count(), await named()];
    await ensureDemoPlan(db);
    expect(await named()).toBe(demoBefore);
    expect(await count()).toBeGreaterThanOrEqual(plansBefore);
  });
});
