import { formatNumber } from '../../lib/format';
import { GAP_CLASSES } from '../../map/layers/coverage-gaps';
import type { GapFeature } from './analysis-api';
import { useAnalysisText } from './analysis-i18n';

export const gapColor = (people: number): string =>
  GAP_CLASSES.reduce((color, c) => (people >= c.from ? c.color : color), GAP_CLASSES[0]?.color ?? '#fed976');

/** The gap layer's legend: people per gap, by class. */
export function GapLegend() {
  const { t, lang } = useAnalysisText();
  return (
    <div className="gap-legend" data-testid="gap-legend">
      <span className="legend-title">{t('gapLegend')}</span>
      <ul>
        {GAP_CLASSES.map((c, i) => {
          const next = GAP_CLASSES[i + 1];
          return (
            <li key={c.from}>
              <span className="swatch-box" style={{ background: c.color }} aria-hidden="true" />
              {next
                ? `${formatNumber(lang, c.from, 0)}–${formatNumber(lang, next.from - 1, 0)}`
                : `≥ ${formatNumber(lang, c.from, 0)}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The gaps, most people first; a click selects and zooms to one. */
export function GapList({
  gaps,
  unitNames,
  selected,
  onPick,
}: {
  gaps: readonly GapFeature[];
  unitNames: ReadonlyMap<string, string>;
  selected: number | null;
  onPick: (gap: GapFeature) => void;
}) {
  const { t, lang } = useAnalysisText();
  return (
    <ol className="gap-list" data-testid="gap-list">
      {gaps.map((gap) => {
        const p = gap.properties;
        return (
          <li key={p.rank} data-testid="gap-row" data-rank={p.rank}>
            <button
              type="button"
              className={`gap-row ${selected === p.rank ? 'selected' : ''}`}
              onClick={() => onPick(gap)}
            >
              <span
                className="swatch-box"
                style={{ background: gapColor(p.populationCount) }}
                aria-hidden="true"
              />
              <span className="gap-rank">#{p.rank}</span>
              <span className="gap-unit">{unitNames.get(p.unitCode) ?? p.unitCode}</span>
              <span className="num">{t('people', { count: formatNumber(lang, p.populationCount, 0) })}</span>
              <span className="num muted">{t('gapArea', { area: formatNumber(lang, p.areaKm2, 2) })}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
