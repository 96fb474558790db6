import { useMemo, useState } from 'react';
import { formatNumber } from '../../lib/format';
import type { CommuneCoverage } from './analysis-api';
import { type AnalysisT, useAnalysisText } from './analysis-i18n';

export type SortKey =
  | 'name'
  | 'populationCount'
  | 'coveredPercent'
  | 'uncoveredCount'
  | 'singleOperatorCount'
  | 'any4GPercent'
  | 'any5GPercent'
  | 'delta';

export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** The table opens on the communes with the most people uncovered. */
export const DEFAULT_SORT: Sort = { key: 'uncoveredCount', descending: true };

const COLUMNS: ReadonlyArray<{ key: SortKey; label: Parameters<AnalysisT>[0]; numeric: boolean }> = [
  { key: 'name', label: 'colName', numeric: false },
  { key: 'populationCount', label: 'colPopulation', numeric: true },
  { key: 'coveredPercent', label: 'colCoveredPercent', numeric: true },
  { key: 'uncoveredCount', label: 'colUncovered', numeric: true },
  { key: 'singleOperatorCount', label: 'colSingle', numeric: true },
  { key: 'any4GPercent', label: 'colAny4G', numeric: true },
  { key: 'any5GPercent', label: 'colAny5G', numeric: true },
];

/** Rows in `sort` order; `delta` is the change in uncovered people since the previous run. */
export function sortCommunes(
  rows: readonly CommuneCoverage[],
  sort: Sort,
  delta: ReadonlyMap<string, number>,
): CommuneCoverage[] {
  const value = (row: CommuneCoverage): number | string =>
    sort.key === 'name'
      ? (row.name ?? row.code)
      : sort.key === 'delta'
        ? (delta.get(row.code) ?? 0)
        : row[sort.key];
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const order =
      typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb, 'vi') : Number(va) - Number(vb);
    return order !== 0 ? sign * order : a.code.localeCompare(b.code);
  });
}

/** The commune table: one row per unit, sortable by every column; a row click zooms to the unit. */
export function CommuneTable({
  rows,
  delta,
  sort,
  onSort,
  onPick,
}: {
  rows: readonly CommuneCoverage[];
  /** Uncovered people now minus at the previous run, per unit code; empty on a first run. */
  delta: ReadonlyMap<string, number>;
  sort: Sort;
  onSort: (sort: Sort) => void;
  onPick: (code: string) => void;
}) {
  const { t, lang } = useAnalysisText();
  const columns = useMemo(
    () =>
      delta.size > 0
        ? [...COLUMNS, { key: 'delta' as const, label: 'colDelta' as const, numeric: true }]
        : COLUMNS,
    [delta.size],
  );
  const [focus, setFocus] = useState<string | null>(null);
  const n = (v: number) => formatNumber(lang, v, 0);
  const pct = (v: number) => formatNumber(lang, v, 1);
  return (
    <div className="analysis-table-wrap">
      <table className="analysis-table" data-testid="commune-table">
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort.key === c.key;
              return (
                <th
                  key={c.key}
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  data-sort-key={c.key}
                >
                  <button
                    type="button"
                    className="sort-button"
                    title={t('sortBy', { column: t(c.label) })}
                    onClick={() =>
                      onSort({ key: c.key, descending: active ? !sort.descending : c.key !== 'name' })
                    }
                  >
                    {t(c.label)}
                    <span className="sort-mark" aria-hidden="true">
                      {active ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const d = delta.get(row.code) ?? 0;
            return (
              <tr
                key={row.code}
                data-testid="commune-row"
                data-code={row.code}
                className={focus === row.code ? 'selected' : undefined}
                onClick={() => {
                  setFocus(row.code);
                  onPick(row.code);
                }}
              >
                <td>
                  <span className="commune-name">{row.name ?? row.code}</span>
                  <span className="muted commune-meta">
                    {row.code} · {t(row.environment)}
                  </span>
                </td>
                <td className="num">{n(row.populationCount)}</td>
                <td className="num">{pct(row.coveredPercent)}</td>
                <td className="num" data-col="uncovered">
                  {n(row.uncoveredCount)}
                </td>
                <td className="num">{n(row.singleOperatorCount)}</td>
                <td className="num">{pct(row.any4GPercent)}</td>
                <td className="num">{pct(row.any5GPercent)}</td>
                {delta.size > 0 ? (
                  <td className={`num ${d < 0 ? 'better' : d > 0 ? 'worse' : ''}`}>
                    {d === 0 ? '–' : `${d > 0 ? '+' : '−'}${n(Math.abs(d))}`}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
