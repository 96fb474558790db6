import { formatLngLat, formatMetres, formatNumber } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { toVn2000Survey } from '../lib/vn2000';
import type { PointerPosition } from '../map/use-pointer-position';

/** Live cursor position in WGS 84 and VN-2000 (X = northing, Y = easting, as surveyors write it). */
export function StatusBar({ position, busy }: { position: PointerPosition | null; busy: boolean }) {
  const { t, lang } = useI18n();
  const vn = position ? toVn2000Survey(position.lng, position.lat) : null;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-item" data-testid="cursor-wgs84">
        <span className="muted">{t('wgs84')}</span>{' '}
        {position ? formatLngLat([position.lng, position.lat]) : '—'}
      </span>
      <span className="status-item" data-testid="cursor-vn2000">
        <span className="muted">{t('vn2000')}</span>{' '}
        {vn ? `X ${formatMetres(vn.X)} m · Y ${formatMetres(vn.Y)} m` : '—'}
      </span>
      {position ? (
        <span className="status-item">
          <span className="muted">{t('zoom')}</span> {formatNumber(lang, position.zoom, 1)}
        </span>
      ) : null}
      {busy ? (
        <span className="status-item loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('loading')}
        </span>
      ) : null}
    </footer>
  );
}
