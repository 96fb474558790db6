/**
 * Synthetic FTTH reports of the demo operators (like every demo asset, made up: not any
 * operator's figures), so the staff's table and the indicators have something to show on a demo
 * database. Deterministic: the same communes and population give the same rows on every machine.
 *
 * Plausible against the proxy: the largest operator passes a share of the commune's households
 * (wards 70–92 %, communes 35–70 %, special zones 10–30 %, as fibre runs along the streets of wards
 * and less in villages and islands); the others pass less, 1 Gbps is 55–85 % of the homes passed
 * and subscriptions 35–60 %. Households are people ÷ the default household size (an assumption).
 */
import { FTTH_PROXY_DEFAULTS } from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { adminUnits, ftthReports, organisations, populationCells } from '@hatang/db/schema';
import { asc, count, eq, inArray, sum } from 'drizzle-orm';

/** The demo operators and the share of the largest operator's homes each passes (min, max). */
const OPERATORS: { code: string; share: [number, number]; where: 'all' | 'wards' | 'half' }[] = [
  { code: 'OP-SONG', share: [1, 1], where: 'all' },
  { code: 'OP-BIEN', share: [0.7, 0.95], where: 'all' },
  { code: 'OP-CANG', share: [0.3, 0.6], where: 'wards' },
  { code: 'OP-NUI', share: [0.2, 0.5], where: 'half' },
];
const REACH: Record<string, [number, number]> = {
  ward: [0.7, 0.92],
  commune: [0.35, 0.7],
  special_zone: [0.1, 0.3],
};
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
  const units = await q
    .select({
      code: adminUnits.code,
      unitType: adminUnits.unitType,
      people: sum(populationCells.population).mapWith(Number),
    })
    .from(adminUnits)
    .innerJoin(populationCells, eq(populationCells.adminUnitCode, adminUnits.code))
    .groupBy(adminUnits.code, adminUnits.unitType)
    .orderBy(asc(adminUnits.code));
  const rows = units.flatMap((u) => {
    const households = Math.round(u.people / FTTH_PROXY_DEFAULTS.householdSize);
    const largest = households * between(`${u.code}|reach`, REACH[u.unitType] ?? [0.3, 0.6]);
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
