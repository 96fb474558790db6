import type { DiiDashboardCriterion, SessionUser } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatNumber } from '../../lib/format';
import { diffEntries, sparklinePoints } from './dii-entry';
import { computeDiiValues, fetchDiiDashboard, saveDiiValues } from './indicators-api';
import { type IndicatorText, useIndicatorText } from './indicators-i18n';
import './indicators.css';

const EDITORS = new Set(['admin', 'planner']);
const TREND_ARROWS = { improving: '▲', worsening: '▼', steady: '■' } as const;

/**
 * The digital infrastructure index (DII, legal: decision-885-2023-qd-btttt) dashboard: criteria by group,
 * values per year with their trend, Hatang's live value for the computed ones, and (for planners
 * and admins) the entry of a year's values.
 */
export function DiiDashboard({ user }: { user: SessionUser | null }) {
  const text = useIndicatorText();
  const { t, lang } = text;
  const queryClient = useQueryClient();
  const mayEdit = user?.roles.some((r) => EDITORS.has(r)) ?? false;
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [typed, setTyped] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const dashboard = useQuery({
    queryKey: ['dii-dashboard'],
    queryFn: ({ signal }) => fetchDiiDashboard(signal),
    enabled: user !== null,
  });
  const stored = useMemo(() => {
    const map = new Map<string, number>();
    for (const g of dashboard.data?.groups ?? [])
      for (const c of g.criteria) {
        const v = c.values.find((x) => x.year === year);
        if (v) map.set(c.code, v.value);
      }
    return map;
  }, [dashboard.data, year]);
  const diff = diffEntries(stored, typed);
  const done = (key: 'saved' | 'computed') => {
    setTyped(new Map());
    setMessage(t(key, { year }));
    void queryClient.invalidateQueries({ queryKey: ['dii-dashboard'] });
  };
  const save = useMutation({
    mutationFn: () => saveDiiValues({ year, values: diff.values.map((v) => ({ ...v, note: null })) }),
    onSuccess: () => done('saved'),
  });
  const compute = useMutation({
    mutationFn: () => computeDiiValues(year),
    onSuccess: () => done('computed'),
  });

  if (!user) return <p className="indicators-hint">{t('diiSignIn')}</p>;
  if (dashboard.isPending) return <p className="indicators-hint">{t('diiLoading')}</p>;
  if (dashboard.isError)
    return (
      <p className="indicators-error" role="alert">
        {t('diiFailed', { message: dashboard.error.message })}
      </p>
    );
  const d = dashboard.data;
  const years = d.years.slice(-4);
  const error = save.error ?? compute.error;
  return (
    <section className="dii-dashboard" data-testid="dii-dashboard">
      <h3>{t('diiTitle')}</h3>
      <p className="dii-source">
        {t('diiCatalogue', { version: d.catalogue.version })} ·{' '}
        {t('diiSource', { source: d.catalogue.source })}
      </p>
      {mayEdit ? (
        <div className="dii-actions">
          <label>
            {t('enterValues')}{' '}
            <input
              type="number"
              min={2015}
              max={2100}
              value={year}
              onChange={(e) => {
                setYear(Number(e.target.value) || year);
                setTyped(new Map());
              }}
              aria-label={t('year')}
              data-testid="dii-year"
            />
          </label>
          <button
            type="button"
            disabled={diff.values.length === 0 || diff.invalid.length > 0 || save.isPending}
            onClick={() => save.mutate()}
            data-testid="dii-save"
          >
            {save.isPending ? t('saving') : t('save')}
          </button>
          <button type="button" disabled={compute.isPending} onClick={() => compute.mutate()}>
            {t('computeNow', { year })}
          </button>
        </div>
      ) : null}
      {message ? <p className="indicators-hint">{message}</p> : null}
      {diff.invalid.length > 0 ? (
        <p className="indicators-error">{t('notANumber', { code: diff.invalid.join(', ') })}</p>
      ) : null}
      {error ? (
        <p className="indicators-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {d.groups.map((group) => (
        <div key={group.code} className="indicators-group" data-group={group.code}>
          <h4 className="indicators-group-title">
            {group.code} · {group.name[lang]}
          </h4>
          <div className="dii-scroll">
            <table className="dii-table">
              <thead>
                <tr>
                  <th>{t('criterion')}</th>
                  {years.map((y) => (
                    <th key={y}>{y}</th>
                  ))}
                  <th>{t('trend')}</th>
                  <th>{t('live')}</th>
                  <th>{t('target')}</th>
                  {mayEdit ? <th>{year}</th> : null}
                </tr>
              </thead>
              <tbody>
                {group.criteria.map((c) => (
                  <CriterionRow
                    key={c.code}
                    criterion={c}
                    years={years}
                    text={text}
                    entry={
                      mayEdit
                        ? {
                            value:
                              typed.get(c.code) ?? (stored.has(c.code) ? String(stored.get(c.code)) : ''),
                            onChange: (value) => setTyped((m) => new Map(m).set(c.code, value)),
                            label: t('valueOf', { code: c.code, year }),
                          }
                        : null
                    }
                  />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}

/** The live value and the latest reported one differ by more than a tenth (of the larger). */
function differs(c: DiiDashboardCriterion): boolean {
  if (c.liveValue === null || !c.latest) return false;
  const scale = Math.max(Math.abs(c.liveValue), Math.abs(c.latest.value));
  return scale > 0 && Math.abs(c.liveValue - c.latest.value) / scale > 0.1;
}

function CriterionRow({
  criterion: c,
  years,
  text,
  entry,
}: {
  criterion: DiiDashboardCriterion;
  years: readonly number[];
  text: IndicatorText;
  entry: { value: string; onChange: (value: string) => void; label: string } | null;
}) {
  const { t, tKey, lang } = text;
  const unit = tKey(`unit_${c.unit}`, '');
  const show = (v: number | null | undefined) =>
    v === null || v === undefined ? t('empty') : `${formatNumber(lang, v, 2)}${unit ? ` ${unit}` : ''}`;
  return (
    <tr data-criterion={c.code}>
      <td className="dii-name">
        <strong>{c.code}</strong> {c.name[lang]}
        <div className="dii-source">
          {c.computedFrom ? t('computedFromRegister') : t('enteredByPlanners')}
        </div>
      </td>
      {years.map((y) => (
        <td key={y} className="num">
          {show(c.values.find((v) => v.year === y)?.value)}
        </td>
      ))}
      <td className="num">
        {c.values.length > 1 ? (
          <svg className="dii-sparkline" width={44} height={14} aria-hidden="true">
            <polyline
              points={sparklinePoints(c.values, 40, 10)}
              transform="translate(2 2)"
              fill="none"
              stroke="#2563eb"
            />
          </svg>
        ) : null}{' '}
        {c.trend ? (
          <span className="dii-trend" data-trend={c.trend} title={t(`trend_${c.trend}`)}>
            {TREND_ARROWS[c.trend]} {c.change === null ? '' : formatNumber(lang, c.change, 2)}
          </span>
        ) : (
          t('empty')
        )}
      </td>
      <td className="num">
        {show(c.liveValue)}
        {c.computation ? (
          <details className="dii-method" data-testid={`dii-method-${c.code}`}>
            <summary title={differs(c) ? t('differsFromReported') : undefined}>
              {differs(c) ? '≠ ' : ''}
              {t('howComputed')}
            </summary>
            <div className="dii-method-body">
              <p>{c.computation.method[lang]}</p>
              <p>
                <strong>{t('whyDiffers')}:</strong> {c.computation.differs[lang]}
              </p>
            </div>
          </details>
        ) : null}
      </td>
      <td className="num">
        {c.target === null ? t('empty') : `${show(c.target)}${c.targetYear ? ` (${c.targetYear})` : ''}`}
        {c.progressPercent === null ? null : (
          <div className="dii-source">{formatNumber(lang, c.progressPercent, 1)} %</div>
        )}
      </td>
      {entry ? (
        <td>
          <input
            inputMode="decimal"
            value={entry.value}
            onChange={(e) => entry.onChange(e.target.value)}
            aria-label={entry.label}
            data-testid={`dii-input-${c.code}`}
          />
        </td>
      ) : null}
    </tr>
  );
}
