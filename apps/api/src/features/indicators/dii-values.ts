import { dashboardCriterion } from '@hatang/analysis';
import type { DiiCatalogue, DiiDashboard, IndicatorReport, StoredDiiValue } from '@hatang/contracts';

/** What Hatang derives for each criterion with `computedFrom`: the register's figure (city-wide). */
export function computedCriterionValues(
  catalogue: DiiCatalogue,
  report: IndicatorReport,
): Map<string, number> {
  const actual = new Map(report.indicators.map((i) => [i.key, i.actual]));
  const out = new Map<string, number>();
  for (const group of catalogue.groups) {
    for (const criterion of group.criteria) {
      const value = criterion.computedFrom ? actual.get(criterion.computedFrom) : undefined;
      if (typeof value === 'number') out.set(criterion.code, value);
    }
  }
  return out;
}

/** The dashboard: every criterion by group with its values per year, trend and live value. */
export function buildDashboard(
  catalogue: DiiCatalogue,
  values: readonly StoredDiiValue[],
  live: Map<string, number>,
): DiiDashboard {
  const byCode = new Map<string, StoredDiiValue[]>();
  for (const v of values) byCode.set(v.criterionCode, [...(byCode.get(v.criterionCode) ?? []), v]);
  return {
    catalogue: {
      id: catalogue.id,
      version: catalogue.version,
      title: catalogue.title,
      source: catalogue.source,
    },
    years: [...new Set(values.map((v) => v.year))].sort((a, b) => a - b),
    groups: catalogue.groups.map((g) => ({
      code: g.code,
      name: g.name,
      criteria: g.criteria.map((c) =>
        dashboardCriterion(c, byCode.get(c.code) ?? [], live.get(c.code) ?? null),
      ),
    })),
    computedAt: new Date().toISOString(),
  };
}
