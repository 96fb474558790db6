import type { SessionUser } from '@hatang/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import type { Organisation } from '../../lib/types';
import { errorText } from './route-tab';
import { type DigOnceNotice, digOnce, spareCapacity, undergrounding } from './sharing-api';
import { useSharingText } from './sharing-i18n';
import { DIG_ONCE_LAYERS, SPARE_COLOURS, SPARE_LAYERS, UNDERGROUND_LAYERS } from './sharing-layers';
import { boundsOf, formatLength } from './sharing-model';
import { useGeoJsonLayers } from './use-sharing-layers';

/** The spare-capacity layer loads from this zoom on (a street-level view). */
export const SPARE_MIN_ZOOM = 14;

function useViewBox(map: MapLibreMap | null, active: boolean) {
  const [view, setView] = useState<{ bbox: number[]; zoom: number } | null>(null);
  useEffect(() => {
    if (!map || !active) return;
    const update = () => {
      const b = map.getBounds();
      setView({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
    };
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map, active]);
  return view;
}

function fitTo(map: MapLibreMap | null, coordinates: [number, number][]) {
  const b = boundsOf(coordinates);
  if (map && b)
    map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: 80, maxZoom: 17 },
    );
}

/** Ducts and pole spans in the view coloured by spare class, refreshed on move. */
export function SpareTab({ map, active }: { map: MapLibreMap | null; active: boolean }) {
  const { t, label } = useSharingText();
  const view = useViewBox(map, active);
  const zoomed = view !== null && view.zoom >= SPARE_MIN_ZOOM;
  const bbox = view?.bbox.map((v) => Math.round(v * 1e5) / 1e5);
  const spare = useQuery({
    queryKey: ['sharing', 'spare', bbox],
    queryFn: ({ signal }) => spareCapacity(bbox ?? [], signal),
    enabled: active && zoomed && bbox !== undefined,
    placeholderData: keepPreviousData,
  });
  useGeoJsonLayers(map, 'sharing-spare', active && zoomed && spare.data ? spare.data : null, SPARE_LAYERS);
  return (
    <section className="sharing-tab" data-testid="sharing-spare">
      <p>{t('spareIntro')}</p>
      {!zoomed ? <p className="sharing-hint">{t('zoomIn', { z: SPARE_MIN_ZOOM })}</p> : null}
      {zoomed && spare.isPending ? <p className="sharing-muted">{t('loading')}</p> : null}
      {spare.error ? <p className="sharing-error">{errorText(spare.error)}</p> : null}
      {zoomed && spare.data ? (
        <p data-testid="spare-count">
          {t('spareCount', { n: spare.data.features.length })}
          {spare.data.truncated ? ` ${t('truncated')}` : ''}
        </p>
      ) : null}
      <div className="sharing-legend inline">
        <strong>{t('legend')}</strong>
        {(['none', 'low', 'medium', 'high'] as const).map((c) => (
          <div key={c}>
            <span className="swatch line" style={{ background: SPARE_COLOURS[c] }} />
            {label('spareClass', c)}
          </div>
        ))}
      </div>
    </section>
  );
}

const mayChooseOrg = (user: SessionUser | null) =>
  user?.roles.some((r) => r === 'planner' || r === 'admin') ?? false;

/** Dig-once notices of an organisation: list and shared stretches on the map. */
export function DigOnceTab({
  map,
  active,
  user,
  organisations,
}: {
  map: MapLibreMap | null;
  active: boolean;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
}) {
  const { t, label, lang } = useSharingText();
  const [org, setOrg] = useState(user?.orgId ?? '');
  const notices = useQuery({
    queryKey: ['sharing', 'dig-once', org],
    queryFn: ({ signal }) => digOnce(org, signal),
    enabled: active && org !== '',
  });
  useGeoJsonLayers(map, 'sharing-dig-once', active && notices.data ? notices.data : null, DIG_ONCE_LAYERS);
  const zoomToNotice = (n: DigOnceNotice) => {
    const f = notices.data?.features.find(
      (x) => x.properties.telecomWork.id === n.telecomWork.id && x.properties.civilWork.id === n.civilWork.id,
    );
    if (f) fitTo(map, f.geometry.coordinates.flat());
  };
  return (
    <section className="sharing-tab" data-testid="sharing-dig-once">
      {mayChooseOrg(user) ? (
        <label className="sharing-field wide">
          <span>{t('organisation')}</span>
          <select value={org} onChange={(e) => setOrg(e.target.value)}>
            {(organisations ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p>
          {t('organisation')}: <strong>{user?.orgName}</strong>
        </p>
      )}
      <h3>{t('notices')}</h3>
      {notices.isPending && org ? <p className="sharing-muted">{t('loading')}</p> : null}
      {notices.error ? <p className="sharing-error">{errorText(notices.error)}</p> : null}
      {notices.data && notices.data.notices.length === 0 ? (
        <p className="sharing-muted">{t('noNotices')}</p>
      ) : null}
      <ul className="sharing-list">
        {notices.data?.notices.map((n) => (
          <li key={`${n.role}:${n.telecomWork.id}:${n.civilWork.id}`}>
            <button type="button" className="link" onClick={() => zoomToNotice(n)}>
              {label('noticeRole', n.role)}:{' '}
              {n.role === 'telecom'
                ? (n.telecomWork.code ?? n.telecomWork.kind)
                : (n.civilWork.name ?? n.civilWork.code)}
            </button>
            <div>
              {t('coordinateWith')}: <strong>{n.coordinateWith.name ?? n.coordinateWith.code}</strong>
              {n.role === 'telecom'
                ? ` — ${n.civilWork.name ?? n.civilWork.code ?? ''} (${n.civilWork.sector})`
                : ''}
            </div>
            <div className="sharing-muted">
              {t('shared')}: {formatLength(lang, n.sharedLengthM)}
              {n.window ? ` · ${t('window')}: ${n.window.startsOn} → ${n.window.endsOn}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Aerial cables alongside spare ducts or planned works: ranked list and map layer. */
export function UndergroundTab({ map, active }: { map: MapLibreMap | null; active: boolean }) {
  const { t, lang } = useSharingText();
  const candidates = useQuery({
    queryKey: ['sharing', 'undergrounding'],
    queryFn: ({ signal }) => undergrounding(signal),
    enabled: active,
    staleTime: 60_000,
  });
  const data = useMemo(() => (active && candidates.data ? candidates.data : null), [active, candidates.data]);
  useGeoJsonLayers(map, 'sharing-underground', data, UNDERGROUND_LAYERS);
  return (
    <section className="sharing-tab" data-testid="sharing-underground">
      <h3>{t('candidates')}</h3>
      {candidates.isPending ? <p className="sharing-muted">{t('loading')}</p> : null}
      {candidates.error ? <p className="sharing-error">{errorText(candidates.error)}</p> : null}
      {candidates.data ? (
        <>
          <p>
            {t('candidateSummary', {
              n: candidates.data.candidateCount,
              len: formatLength(lang, candidates.data.totalLengthM),
            })}
          </p>
          <div className="sharing-scroll">
            <table className="sharing-table">
              <thead>
                <tr>
                  <th>{t('rank')}</th>
                  <th>{t('street')}</th>
                  <th>{t('owner')}</th>
                  <th>{t('length')}</th>
                  <th>{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {candidates.data.features.map((f) => (
                  <tr key={f.id} className="clickable" onClick={() => fitTo(map, f.geometry.coordinates)}>
                    <td className="num">{f.properties.rank}</td>
                    <td>{f.properties.streetName ?? t('unnamed')}</td>
                    <td>{f.properties.ownerCode}</td>
                    <td className="num">{formatLength(lang, f.properties.lengthM)}</td>
                    <td>
                      {[
                        f.properties.spareDuctIds.length > 0 ? t('spareDuct') : null,
                        f.properties.civilWorkIds.length > 0 ? t('civilWork') : null,
                      ]
                        .filter(Boolean)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
