/**
 * Synthetic FTTH reports of the demo operators (like every demo asset, made up: not any
 * operator's figures), so the staff's table and the indicators have something to show on a demo
 * database. Deterministic: the same communes and population give the same rows on every machine.
 *
 * Plausible against the proxy: in each commune the largest operator passes 80–110 % of the
 * households the proxy puts within reach of the register's fibre (default reach and household
 * size), never more than the commune's households, and 0–5 % of them where the proxy finds none
 * (drop cables the register does not hold); the others pass less, 1 Gbps is 55–85 % of the homes
 * passed and subscriptions 35–60 %. Computed once, at the first start of a demo database.
 */
import { fiberReach, householdsOf } from '@hatang/analysis';
import { FTTH_PROXY_DEFAULTS } from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { ftthReports, organisations } from '@hatang/db/schema';
import { count, inArray } from 'drizzle-orm';
import { loadGrid } from '../analysis/coverage-data.js';
import { loadFiberLines } from './ftth-repository.js';

/** The demo operators and the share of the largest operator's homes each passes (min, max). */
const OPERATORS: { code: string; share: [number, number]; where: 'all' | 'wards' | 'half' }[] = [
  { code: 'OP-SONG', share: [1, 1], where: 'all' },
  { code: 'OP-BIEN', share: [0.7, 0.95], where: 'all' },
  { code: 'OP-CANG', share: [0.3, 0.6], where: 'wards' },
  { code: 'OP-NUI', share: [0.2, 0.5], where: 'half' },
];
/** Two reports per operator and commune: the end of 2025 and mid-2026 (grown by the ratio). */
const DATES: { asOf: string; growth: number }[] = [
  { asOf: '2025-12-31', growth: 0.9 },
  { asOf: '2026-06-30', growth: 1 },
];

/** A number in [0, 1) from a label (FNV-1a): the same label, the same number. */
function unitInterval(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}
const between = (label: string, [lo, hi]: [number, number]) => lo + (hi - lo) * unitInterval(label);

/** Adds the synthetic reports once, to a demo database whose operators have none yet. */
export async function ensureDemoFtth(db: Database): Promise<number> {
  const q = orm(db);
  const [existing] = await q.select({ n: count() }).from(ftthReports);
  if ((existing?.n ?? 0) > 0) return 0;
  const orgs = await q
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .where(
      inArray(
        organisations.code,
        OPERATORS.map((o) => o.code),
      ),
    );
  if (orgs.length === 0) return 0;
  const { grid } = await loadGrid(db);
  const reach = fiberReach(grid, await loadFiberLines(db), FTTH_PROXY_DEFAULTS.reachM);
  const { householdSize } = FTTH_PROXY_DEFAULTS;
  const units = grid.units.map((u, i) => ({
    code: u.code,
    unitType: u.unitType,
    households: householdsOf(reach.populationByUnit[i] ?? 0, householdSize),
    inReach: householdsOf(reach.inReachByUnit[i] ?? 0, householdSize),
  }));
  const rows = units.flatMap((u) => {
    if (u.households === 0) return [];
    const largest =
      u.inReach > 0
        ? Math.min(u.households, u.inReach * between(`${u.code}|reach`, [0.8, 1.1]))
        : u.households * between(`${u.code}|reach`, [0, 0.05]);
    return OPERATORS.flatMap((op) => {
      const org = orgs.find((o) => o.code === op.code);
      if (!org) return [];
      if (op.where === 'wards' && u.unitType !== 'ward') return [];
      if (op.where === 'half' && unitInterval(`${u.code}|${op.code}|present`) < 0.5) return [];
      const passed = largest * between(`${u.code}|${op.code}|share`, op.share);
      const gbps = between(`${u.code}|${op.code}|gbps`, [0.55, 0.85]);
      const subs = between(`${u.code}|${op.code}|subs`, [0.35, 0.6]);
      return DATES.map(({ asOf, growth }) => {
        const homesPassed = Math.round(passed * growth);
        return {
          id: crypto.randomUUID(),
          orgId: org.id,
          adminUnitCode: u.code,
          asOf,
          homesPassed,
          homes1Gbps: Math.round(homesPassed * gbps * growth),
          subscriptions: Math.round(homesPassed * subs),
        };
      });
    });
  });
  if (rows.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500)
      await orm(tx)
        .insert(ftthReports)
        .values(rows.slice(i, i + 500));
  });
  return rows.length;
}
