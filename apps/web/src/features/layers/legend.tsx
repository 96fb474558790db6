import { useState } from 'react';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { AssetResource, Organisation } from '../../lib/types';
import { ASSET_STATUSES } from '../../lib/types';
import type { LegendSwatch } from '../../map/layer-group';
import { LEGEND_ORDER } from '../../map/layer-groups';
import { STATUS_COLORS } from '../../map/status-style';
import type { GroupState, Visibility } from '../../map/use-asset-layers';
import { PopulationLegendEntry } from './population-legend';

function Swatch({ swatch, color }: { swatch: LegendSwatch; color?: string }) {
  const c = color ?? swatch.color;
  return swatch.shape === 'circle' ? (
    <span className="swatch swatch-circle" style={{ background: c }} aria-hidden="true" />
  ) : (
    <span
      className="swatch swatch-line"
      style={{ borderTopColor: c, borderTopStyle: swatch.dashed ? 'dashed' : 'solid' }}
      aria-hidden="true"
    />
  );
}

const STATUS_SWATCHES: Record<
  (typeof ASSET_STATUSES)[number],
  { fill: string; stroke: string; dashed: boolean }
> = {
  existing: { fill: '#475569', stroke: '#ffffff', dashed: false },
  planned: { fill: STATUS_COLORS.planned, stroke: '#475569', dashed: true },
  under_construction: { fill: '#475569', stroke: STATUS_COLORS.underConstruction, dashed: false },
  decommissioned: { fill: STATUS_COLORS.decommissioned, stroke: '#6b7280', dashed: false },
};

const LINE_SWATCHES: Record<
  (typeof ASSET_STATUSES)[number],
  { color: string; style: 'solid' | 'dashed' | 'dotted' }
> = {
  existing: { color: '#475569', style: 'solid' },
  planned: { color: '#475569', style: 'dashed' },
  under_construction: { color: STATUS_COLORS.underConstruction, style: 'dashed' },
  decommissioned: { color: STATUS_COLORS.decommissioned, style: 'dotted' },
};

/** Layer toggles with per-layer load state, the status key and the owner colours. */
export function Legend({
  visibility,
  states,
  onToggle,
  owners,
}: {
  visibility: Visibility;
  states: Record<AssetResource, GroupState>;
  onToggle: (id: AssetResource) => void;
  owners: Array<{ org: Organisation; color: string }>;
}) {
  const { t, tValue, lang } = useI18n();
  // On a phone the legend folds to its title, so the map keeps the screen (wide screens ignore it).
  const [open, setOpen] = useState(false);
  return (
    <nav className={open ? 'legend open' : 'legend'} aria-label={t('layers')} data-testid="legend">
      <h2>
        <button
          type="button"
          className="legend-toggle"
          aria-expanded={open}
          data-testid="legend-toggle"
          onClick={() => setOpen((o) => !o)}
        >
          {t('layers')}
        </button>
      </h2>
      <ul className="layer-list">
        {LEGEND_ORDER.map((group) => {
          const state = states[group.id];
          const on = visibility[group.id];
          return (
            <li key={group.id} data-layer={group.id}>
              <label>
                <input type="checkbox" checked={on} onChange={() => onToggle(group.id)} />
                <Swatch swatch={group.legend} />
                <span className="layer-name">{t(group.labelKey)}</span>
                {on && state.loading ? (
                  <span className="spinner" role="status" aria-label={t('loading')} />
                ) : null}
                {on && !state.loading && state.count !== null ? (
                  <span className="count">{formatNumber(lang, state.count, 0)}</span>
                ) : null}
              </label>
              {on && state.belowMinZoom && group.load.mode !== 'all' ? (
                <p className="hint">
                  {t('zoomInToSee', { zoom: group.load.minZoom })} {t(group.labelKey).toLocaleLowerCase(lang)}
                </p>
              ) : null}
              {on && state.truncated && state.count !== null ? (
                <p className="hint">{t('truncated', { count: formatNumber(lang, state.count, 0) })}</p>
              ) : null}
            </li>
          );
        })}
        <PopulationLegendEntry />
      </ul>
      <h3>{t('statusLegend')}</h3>
      <ul className="status-list">
        {ASSET_STATUSES.map((s) => {
          const sw = STATUS_SWATCHES[s];
          return (
            <li key={s}>
              <span
                className="swatch swatch-circle"
                style={{
                  background: sw.fill,
                  borderColor: sw.stroke,
                  borderStyle: sw.dashed ? 'dashed' : 'solid',
                }}
                aria-hidden="true"
              />
              <span
                className="swatch swatch-line"
                style={{ borderTopColor: LINE_SWATCHES[s].color, borderTopStyle: LINE_SWATCHES[s].style }}
                aria-hidden="true"
              />
              {tValue(s)}
            </li>
          );
        })}
      </ul>
      {owners.length > 0 ? (
        <>
          <h3>{t('owners')}</h3>
          <ul className="owner-list">
            {owners.map(({ org, color }) => (
              <li key={org.id}>
                <span className="swatch swatch-circle" style={{ background: color }} aria-hidden="true" />
                {org.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
