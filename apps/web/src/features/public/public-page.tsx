/**
 * The public page, `/cong-khai` (no sign-in): the approved plan on the offline map with the
 * communes, every commune's indicators against Plan 317's 2030 targets, the undergrounding
 * campaign and the plan's task progress. It reads only the `/api/v1/public/…` answers (public
 * tier) and the communes' outlines; it never asks who is signed in.
 */
import { PLAN_ITEM_GEOMETRY, type PlanItemKind } from '@hatang/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDay, formatNumber } from '../../lib/format';
import { translate } from '../../lib/i18n';
import { useAdminUnits } from '../../lib/queries';
import { useAdminUnitsLayer } from '../../map/use-admin-units-layer';
import { useMap } from '../../map/use-map';
import { IndicatorsTable } from './indicators-table';
import { TasksSection, UndergroundingSection } from './progress-sections';
import { usePublicPlan } from './public-api';
import { usePublicText } from './public-i18n';
import { KIND_COLORS, usePublicLayers } from './use-public-layers';
import './public.css';

const ATTRIBUTION = `${translate('vi', 'attributionAssets')} / ${translate('en', 'attributionAssets')}`;

function PlanSection() {
  const text = usePublicText();
  const { t, lang } = text;
  const plan = usePublicPlan();
  const data = plan.data;
  const kinds = Object.entries(data?.countsByKind ?? {}) as [PlanItemKind, number][];
  return (
    <section className="public-section" data-testid="public-plan">
      <h2>{t('planSection')}</h2>
      {plan.isPending ? <p className="public-muted">{t('loading')}</p> : null}
      {plan.isError ? <p className="public-error">{t('failed', { message: plan.error.message })}</p> : null}
      {data && !data.version ? <p data-testid="public-plan-none">{t('planNone')}</p> : null}
      {data?.version && data.plan ? (
        <>
          <p className="public-plan-name">{data.plan.name}</p>
          <p data-testid="public-plan-version">
            {t('planVersion', {
              name: data.version.name,
              date: data.version.approvedAt ? formatDay(data.version.approvedAt) : '–',
            })}
          </p>
          <p>{t('planItems', { n: formatNumber(lang, data.itemsTotal, 0) })}</p>
          {data.truncated ? (
            <p className="public-muted">
              {t('planTruncated', {
                shown: formatNumber(lang, data.items.features.length, 0),
                total: formatNumber(lang, data.itemsTotal, 0),
              })}
            </p>
          ) : null}
          <ul className="public-legend" aria-label={t('legend')}>
            {kinds.map(([kind, n]) => (
              <li key={kind}>
                <span
                  className={`public-swatch public-swatch-${PLAN_ITEM_GEOMETRY[kind].toLowerCase()}`}
                  style={{ background: KIND_COLORS[kind] }}
                />
                {text.itemKind(kind)} ({formatNumber(lang, n, 0)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function PublicPage() {
  const { t, lang, setLang } = usePublicText();
  const containerRef = useRef<HTMLDivElement>(null);
  const { map } = useMap(containerRef, ATTRIBUTION);
  const units = useAdminUnits();
  const plan = usePublicPlan();
  const unitsDrawn = useAdminUnitsLayer(map, units.data);
  const [selected, setSelected] = useState<string | null>(null);
  const choose = useCallback((code: string | null) => setSelected(code), []);
  const planDrawn = usePublicLayers(map, plan.data, units.data, selected, choose);

  useEffect(() => {
    document.title = t('title');
  }, [t]);
  // For the browser tests: the map has its communes and the plan's items.
  useEffect(() => {
    if (map && unitsDrawn && planDrawn) document.body.dataset.publicReady = 'true';
  }, [map, unitsDrawn, planDrawn]);

  const selectedName = units.data?.features.find((f) => f.properties.code === selected)?.properties.name;
  return (
    <div className="public-page" data-testid="public-page">
      <header className="app-header">
        <div className="brand">
          <h1>{t('title')}</h1>
          <p>{t('subtitle')}</p>
        </div>
        <div className="header-actions">
          <a className="header-button" href="/" title={t('backToMapTitle')} data-testid="public-back">
            {t('backToMap')}
          </a>
          <button
            type="button"
            className="lang-switch"
            data-testid="language-switch"
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
          >
            {lang === 'vi' ? 'English' : 'Tiếng Việt'}
          </button>
        </div>
      </header>
      <main className="public-main">
        <div className="public-map-wrap">
          <div ref={containerRef} className="public-map" data-testid="public-map" />
        </div>
        <div className="public-panels">
          <p className="public-note">{t('dataNote')}</p>
          <PlanSection />
          <IndicatorsTable selected={selected} onChoose={choose} />
          <UndergroundingSection selected={selected} selectedName={selectedName} />
          <TasksSection />
        </div>
      </main>
    </div>
  );
}
