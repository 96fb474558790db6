/**
 * Every commune's indicators against Plan 317's 2030 targets, the city first: a value that meets
 * its target is marked; choosing a row highlights the commune on the map (and a click on the map
 * chooses its row).
 */

import type { PublicIndicators, PublicIndicatorValues } from '@hatang/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../../lib/format';
import { usePublicIndicators } from './public-api';
import { usePublicText } from './public-i18n';
import { ScrollRegion } from './scroll-region';

type Text = ReturnType<typeof usePublicText>;
type Column = PublicIndicators['indicators'][number];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

function Cells({ values, columns, text }: { values: PublicIndicatorValues; columns: Column[]; text: Text }) {
  return (
    <>
      {columns.map((c) => {
        const v = values[c.key];
        const met = v !== null && c.target !== null && v >= c.target.value;
        return (
          <td key={c.key} className={met ? 'met' : undefined} data-key={c.key}>
            {v === null ? <span title={text.t('noValue')}>–</span> : `${formatNumber(text.lang, v, 1)} %`}
          </td>
        );
      })}
    </>
  );
}

export function IndicatorsTable({
  selected,
  onChoose,
}: {
  selected: string | null;
  onChoose: (code: string | null) => void;
}) {
  const text = usePublicText();
  const { t, lang } = text;
  const indicators = usePublicIndicators();
  const [find, setFind] = useState('');
  const body = useRef<HTMLTableSectionElement>(null);
  const data = indicators.data;
  const rows = useMemo(() => {
    const wanted = fold(find.trim());
    return (data?.communes ?? []).filter(
      (c) => !wanted || fold(c.name).includes(wanted) || c.code === selected,
    );
  }, [data, find, selected]);
  // A commune chosen on the map: its row scrolls into view.
  useEffect(() => {
    if (!selected) return;
    body.current
      ?.querySelector(`tr[data-code="${selected}"]`)
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  const chosen = data?.communes.find((c) => c.code === selected);
  return (
    <section className="public-section" data-testid="public-indicators">
      <h2>{t('indicatorsSection')}</h2>
      {indicators.isPending ? <p className="public-muted">{t('loadingIndicators')}</p> : null}
      {indicators.isError ? (
        <p className="public-error">{t('failed', { message: indicators.error.message })}</p>
      ) : null}
      {data ? (
        <>
          <div className="public-toolbar">
            <input
              type="search"
              value={find}
              placeholder={t('find')}
              aria-label={t('find')}
              data-testid="public-find"
              onChange={(e) => setFind(e.target.value)}
            />
            {chosen ? (
              <span className="public-chosen" data-testid="public-selected">
                {t('selected', { name: chosen.name })}{' '}
                <button type="button" onClick={() => onChoose(null)}>
                  {t('clearSelection')}
                </button>
              </span>
            ) : (
              <span className="public-muted">{t('chooseHint')}</span>
            )}
          </div>
          <ScrollRegion label={t('indicatorsSection')}>
            <table className="public-table public-wide" data-testid="public-indicators-table">
              <thead>
                <tr>
                  <th scope="col">{t('commune')}</th>
                  {data.indicators.map((c) => (
                    <th key={c.key} scope="col" title={text.indicator(c.key)}>
                      {t(`col_${c.key}`)}
                      <span className="public-target">
                        {c.target
                          ? t('target', {
                              year: c.target.year,
                              value: `${formatNumber(lang, c.target.value, 1)} %`,
                            })
                          : t('noTarget')}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody ref={body}>
                <tr className="public-city" data-testid="public-city-row">
                  <th scope="row">{t('city')}</th>
                  <Cells values={data.city.actual} columns={data.indicators} text={text} />
                </tr>
                {data.city.planned2030 ? (
                  <tr className="public-city public-planned">
                    <th scope="row">{t('cityPlanned')}</th>
                    <Cells values={data.city.planned2030} columns={data.indicators} text={text} />
                  </tr>
                ) : null}
                {rows.map((c) => (
                  <tr
                    key={c.code}
                    data-code={c.code}
                    data-testid="public-commune-row"
                    aria-selected={c.code === selected}
                    className={c.code === selected ? 'selected' : undefined}
                    onClick={() => onChoose(c.code === selected ? null : c.code)}
                  >
                    <th scope="row">{c.name}</th>
                    <Cells values={c.values} columns={data.indicators} text={text} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      ) : null}
    </section>
  );
}
