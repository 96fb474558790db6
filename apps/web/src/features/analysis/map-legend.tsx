import { createPortal } from 'react-dom';
import { SITE_STYLES } from '../../map/layers/coverage-candidates';
import { useAnalysisText } from './analysis-i18n';
import { GapLegend } from './gap-list';

/** The legend of the analysis layers, over the map's lower left corner, with their toggles. */
export function MapLegend({
  container,
  gapsVisible,
  sitesVisible,
  onToggleGaps,
  onToggleSites,
}: {
  container: HTMLElement | null;
  gapsVisible: boolean;
  sitesVisible: boolean;
  onToggleGaps: () => void;
  onToggleSites: () => void;
}) {
  const { t } = useAnalysisText();
  if (!container) return null;
  return createPortal(
    <section className="analysis-map-legend" data-testid="analysis-map-legend" aria-label={t('gapLayer')}>
      <label className="legend-toggle">
        <input type="checkbox" data-testid="toggle-gap-layer" checked={gapsVisible} onChange={onToggleGaps} />
        {t('gapLayer')}
      </label>
      {gapsVisible ? <GapLegend /> : null}
      <label className="legend-toggle">
        <input
          type="checkbox"
          data-testid="toggle-site-layer"
          checked={sitesVisible}
          onChange={onToggleSites}
        />
        {t('sitesLegend')}
      </label>
      {sitesVisible ? (
        <ul className="site-legend">
          {(['colocation', 'new'] as const).map((kind) => (
            <li key={kind}>
              <span
                className="site-marker"
                style={{ background: SITE_STYLES[kind].fill, borderColor: SITE_STYLES[kind].stroke }}
                aria-hidden="true"
              />
              {t(kind === 'new' ? 'newSite' : 'colocation')}
            </li>
          ))}
        </ul>
      ) : null}
    </section>,
    container,
  );
}
