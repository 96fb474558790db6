import { HAI_PHONG_BBOX } from '@hatang/contracts';
import { fromVn2000, fromVn2000Label } from '@hatang/geo/crs';
import { type FormEvent, useEffect, useState } from 'react';
import { formatDegrees, formatMetres, parseNumberText } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { toVn2000Survey } from '../../lib/vn2000';

export type CoordinateSystem = 'vn2000' | 'wgs84';

function textsFor(crs: CoordinateSystem, lngLat: readonly [number, number] | null): [string, string] {
  if (!lngLat) return ['', ''];
  if (crs === 'wgs84') return [formatDegrees(lngLat[0]), formatDegrees(lngLat[1])];
  const { X, Y } = toVn2000Survey(lngLat[0], lngLat[1]);
  return [formatMetres(X), formatMetres(Y)];
}

/**
 * A point's position typed in VN-2000 TM-3 Hai Phong (X = northing, Y = easting, metres) or
 * WGS 84 (lng, lat); applying moves the point on the map.
 */
export function CoordinateInput({
  lngLat,
  onApply,
}: {
  /** `[lng, lat]` WGS 84, or null before the point is placed. */
  lngLat: readonly [number, number] | null;
  onApply: (lngLat: [number, number]) => void;
}) {
  const { t } = useI18n();
  const [crs, setCrs] = useState<CoordinateSystem>('vn2000');
  const [texts, setTexts] = useState<[string, string]>(() => textsFor('vn2000', lngLat));
  const [error, setError] = useState<string | null>(null);
  const lng = lngLat?.[0];
  const lat = lngLat?.[1];

  // The point moved on the map (or the system changed): show where it is now.
  useEffect(() => {
    setTexts(textsFor(crs, lng === undefined || lat === undefined ? null : [lng, lat]));
    setError(null);
  }, [crs, lng, lat]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const a = parseNumberText(texts[0]);
    const b = parseNumberText(texts[1]);
    if (Number.isNaN(a) || Number.isNaN(b)) {
      setError(t('coordinatesNotNumbers'));
      return;
    }
    const next: [number, number] = crs === 'wgs84' ? [a, b] : fromVn2000(fromVn2000Label({ X: a, Y: b }));
    const [minLng, minLat, maxLng, maxLat] = HAI_PHONG_BBOX;
    if (!(next[0] >= minLng && next[0] <= maxLng && next[1] >= minLat && next[1] <= maxLat)) {
      setError(t('coordinatesOutside'));
      return;
    }
    setError(null);
    onApply(next);
  };

  const [first, second] = crs === 'wgs84' ? [t('longitude'), t('latitude')] : [t('northingX'), t('eastingY')];
  return (
    <form className="coordinate-input" onSubmit={apply} data-testid="coordinate-input">
      <fieldset>
        <legend>{t('coordinates')}</legend>
        <div className="crs-toggle" role="radiogroup" aria-label={t('coordinateSystem')}>
          {(['vn2000', 'wgs84'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="crs" value={c} checked={crs === c} onChange={() => setCrs(c)} />
              {c === 'vn2000' ? t('vn2000Short') : t('wgs84')}
            </label>
          ))}
        </div>
        <div className="coordinate-fields">
          <label>
            {first}
            <input
              name="coordinate-a"
              inputMode="decimal"
              value={texts[0]}
              onChange={(e) => setTexts([e.target.value, texts[1]])}
            />
          </label>
          <label>
            {second}
            <input
              name="coordinate-b"
              inputMode="decimal"
              value={texts[1]}
              onChange={(e) => setTexts([texts[0], e.target.value])}
            />
          </label>
          <button type="submit">{t('moveHere')}</button>
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}
