import {
  FTTH_INDICATOR_KEYS,
  type FtthIndicatorKey,
  INDICATOR_METHODS,
  type IndicatorValue,
  type MilestoneYear,
} from '@hatang/contracts';
import { formatNumber } from '../../lib/format';
import { type Bar, indicatorBars, meetsTarget } from './indicator-chart';
import type { IndicatorText } from './indicators-i18n';
import { InterimTargetRow } from './interim-target';

const BAR_COLOURS: Record<Bar['kind'], string> = {
  target: '#94a3b8',
  actual: '#2563eb',
  planned: '#16a34a',
  compare: '#ea580c',
};
const CHART_WIDTH = 260;
const LABEL_WIDTH = 92;
const ROW_HEIGHT = 15;

/** The FTTH lines say how they are computed (reported vs the proxy) under their figures. */
const isFtthKey = (key: string): key is FtthIndicatorKey =>
  (FTTH_INDICATOR_KEYS as readonly string[]).includes(key);

/** One indicator: its label, target (with the plan's wording), figures per milestone and a bar chart. */
export function IndicatorCard({
  value,
  compare,
  milestones,
  text,
}: {
  value: IndicatorValue;
  compare: IndicatorValue | null;
  milestones: readonly MilestoneYear[];
  text: IndicatorText;
}) {
  const { t, tKey, lang } = text;
  const unit = tKey(`unit_${value.unit}`, '');
  const show = (figure: number | null | undefined) =>
    figure === null || figure === undefined
      ? t('empty')
      : `${formatNumber(lang, figure, value.unit === 'count' ? 0 : 2)}${unit ? ` ${unit}` : ''}`;
  const bars = indicatorBars(value, milestones, compare);
  const target = value.target;
  const barLabel = (bar: Bar) =>
    bar.kind === 'target'
      ? t('target')
      : bar.kind === 'actual'
        ? t('actual')
        : `${bar.kind === 'compare' ? '↔ ' : ''}${t('milestone', { year: bar.year ?? '' })}`;
  const met2030 = meetsTarget(value, value.planned?.['2030'] ?? value.actual);
  return (
    <article className="indicator-card" data-indicator={value.key}>
      <header>
        <h4>{tKey(`ind_${value.key}`, value.key)}</h4>
        {target ? (
          <span className="indicator-target" title={lang === 'vi' ? target.wordingVi : target.wordingEn}>
            {t('target')}:{' '}
            {target.max === undefined
              ? t('targetBy', { value: show(target.value), year: target.year })
              : t('targetRange', {
                  value: formatNumber(lang, target.value),
                  max: show(target.max),
                  year: target.year,
                })}
            {met2030 === null ? null : (
              <span className={met2030 ? 'indicator-met' : 'indicator-not-met'}>
                {' '}
                · {met2030 ? t('met') : t('notMet')}
              </span>
            )}
          </span>
        ) : (
          <span className="indicator-target indicator-no-target">{t('noTarget')}</span>
        )}
      </header>
      <table className="indicator-figures">
        <thead>
          <tr>
            <th>{t('actual')}</th>
            {milestones.map((year) => (
              <th key={year}>{t('milestone', { year })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-row="planned">
            <td data-cell="actual">{show(value.actual)}</td>
            {milestones.map((year) => (
              <td key={year} data-cell={year}>
                {show(value.planned?.[`${year}`])}
              </td>
            ))}
          </tr>
          {compare ? (
            <tr data-row="compare" className="indicator-compare-row">
              <td>{show(compare.actual)}</td>
              {milestones.map((year) => (
                <td key={year}>{show(compare.planned?.[`${year}`])}</td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
      {/* Plan 317 sets 2030 targets: an interim one for 2027 is the city's assumption. */}
      {target ? <InterimTargetRow value={value} text={text} /> : null}
      {value.actualParts ? (
        <p className="indicator-parts">
          {t('actual')}:{' '}
          {t('people', {
            part: formatNumber(lang, value.actualParts.part, 0),
            whole: formatNumber(lang, value.actualParts.whole, 0),
          })}
        </p>
      ) : null}
      {isFtthKey(value.key) ? (
        <p className="indicator-parts" data-testid={`indicator-method-${value.key}`}>
          {value.actual === null ? `${t('ftthNoFigures')} ` : ''}
          {INDICATOR_METHODS[value.key].method[lang]}
        </p>
      ) : null}
      {bars.length > 0 ? (
        <svg
          className="indicator-chart"
          width={CHART_WIDTH}
          height={bars.length * ROW_HEIGHT}
          role="img"
          aria-label={tKey(`ind_${value.key}`, value.key)}
        >
          {bars.map((bar, i) => (
            <g key={`${bar.kind}-${bar.year ?? ''}`} transform={`translate(0 ${i * ROW_HEIGHT})`}>
              <text x={0} y={10} fontSize={10} fill="#334155">
                {barLabel(bar)}
              </text>
              <rect x={LABEL_WIDTH} y={2} width={CHART_WIDTH - LABEL_WIDTH} height={10} fill="#f1f5f9" />
              <rect
                x={LABEL_WIDTH}
                y={2}
                width={Math.max(bar.value > 0 ? 1 : 0, bar.share * (CHART_WIDTH - LABEL_WIDTH))}
                height={10}
                fill={BAR_COLOURS[bar.kind]}
                data-bar={bar.kind}
              >
                <title>{`${barLabel(bar)}: ${show(bar.value)}`}</title>
              </rect>
            </g>
          ))}
        </svg>
      ) : null}
    </article>
  );
}
