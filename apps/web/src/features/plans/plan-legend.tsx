import { planItemKind } from '@hatang/contracts';
import { createPortal } from 'react-dom';
import { usePlanText } from './plan-i18n';
import { CHANGE_COLORS, ITEM_COLORS } from './plan-style';

/** The legend of the plan layers (item kinds, or the comparison colours), over the map's lower left. */
export function PlanLegend({ container, comparing }: { container: HTMLElement | null; comparing: boolean }) {
  const { t, label } = usePlanText();
  if (!container) return null;
  return createPortal(
    <section className="plan-map-legend" data-testid="plan-map-legend" aria-label={t('legend')}>
      <strong>{comparing ? t('tabCompare') : t('legend')}</strong>
      <ul>
        {comparing
          ? (['added', 'changed', 'removed'] as const).map((c) => (
              <li key={c}>
                <span className="swatch" style={{ background: CHANGE_COLORS[c] }} /> {t(c)}
              </li>
            ))
          : planItemKind.options.map((k) => (
              <li key={k}>
                <span className="swatch" style={{ background: ITEM_COLORS[k] }} /> {label('item', k)}
              </li>
            ))}
        <li>
          <span className="swatch warning" /> <span aria-hidden="true">⚠</span> {t('warningLegend')}
        </li>
      </ul>
    </section>,
    container,
  );
}
