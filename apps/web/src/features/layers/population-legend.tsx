import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import {
  POPULATION_CLASSES,
  POPULATION_MIN_ZOOM,
  setPopulationVisible,
  usePopulationState,
} from '../../map/layers/population';

/** The population layer's toggle and, when on, its classes (people per km²). */
export function PopulationLegendEntry() {
  const { t, lang } = useI18n();
  const { visible, belowMinZoom } = usePopulationState();
  const middle = POPULATION_CLASSES[Math.floor(POPULATION_CLASSES.length / 2)]?.color;
  return (
    <li data-layer="population">
      <label>
        <input type="checkbox" checked={visible} onChange={() => setPopulationVisible(!visible)} />
        <span className="swatch swatch-square" style={{ background: middle }} aria-hidden="true" />
        <span className="layer-name">{t('populationLayer')}</span>
      </label>
      {visible && belowMinZoom ? (
        <p className="hint">
          {t('zoomInToSee', { zoom: POPULATION_MIN_ZOOM })} {t('populationLayer').toLocaleLowerCase(lang)}
        </p>
      ) : null}
      {visible ? (
        <div className="population-classes" data-testid="population-classes">
          <p className="population-unit">
            {t('populationUnit')} · {t('populationSource')}
          </p>
          <ul>
            {POPULATION_CLASSES.map((c, i) => {
              const next = POPULATION_CLASSES[i + 1];
              const range = next
                ? `${formatNumber(lang, c.from, 0)}–${formatNumber(lang, next.from, 0)}`
                : `≥ ${formatNumber(lang, c.from, 0)}`;
              return (
                <li key={c.from}>
                  <span className="swatch swatch-square" style={{ background: c.color }} aria-hidden="true" />
                  {range}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
