/**
 * Who reads and writes fibre-to-the-home figures. An operator's figures are commercial: the
 * operator that wrote them and the city's staff (admin, planner, reviewer) read them, nobody else
 * — not another operator, not a commune, not the public. Aggregates over operators are for the
 * staff too: with two or three operators in a commune, the largest operator's figure is the
 * aggregate, and a rival would read it back. The proxy (from the population grid and the public
 * tier of the register) may be shown to anyone who reads the indicators.
 */

import { FIBER_REPORTED_KEYS } from '@hatang/analysis';
import type { IndicatorReport, Role } from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import type { Rule } from '../../policy/rules.js';

/** The city's staff: read every operator's FTTH rows and the per-commune summary. */
export const FTTH_STAFF_ROLES: readonly Role[] = ['admin', 'planner', 'reviewer'];
export const FTTH_STAFF: Rule = { admin: 'all', planner: 'all', reviewer: 'all' };
/** Operators' editors upload their own organisation's figures; admins may upload for one. */
export const FTTH_WRITERS: Rule = { admin: 'all', operator_editor: 'own' };
/** Operators read their own rows; the staff read all. */
export const FTTH_READERS: Rule = { ...FTTH_STAFF, operator_editor: 'own', operator_viewer: 'own' };

export const isFtthStaff = (principal: Principal | undefined) =>
  Boolean(principal?.roles.some((r) => FTTH_STAFF_ROLES.includes(r)));

/**
 * The indicator report as `principal` may read it: the operators' FTTH lines emptied for anyone
 * but the city's staff (the proxy line stays). No `unavailable` entry says so: one that appeared
 * only where figures exist would tell a rival that some operator reported there.
 */
export function withoutOperatorFigures(
  report: IndicatorReport,
  principal: Principal | undefined,
): IndicatorReport {
  if (isFtthStaff(principal)) return report;
  const hidden = new Set<string>(FIBER_REPORTED_KEYS);
  return {
    ...report,
    indicators: report.indicators.map((v) =>
      hidden.has(v.key)
        ? {
            key: v.key,
            group: v.group,
            unit: v.unit,
            target: v.target,
            interimTarget: v.interimTarget,
            actual: null,
            planned: null,
          }
        : v,
    ),
  };
}
