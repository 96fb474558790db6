import type { SessionUser } from '@hatang/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { formatDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useOrganisationName } from '../../lib/queries';
import type { Organisation } from '../../lib/types';
import { campaignStretchIds, stretchId, topCandidatesToAdd } from './campaign-model';
import { CAMPAIGN_QUERY, mayEditCampaign } from './campaign-tab';
import { DownloadLinks } from './downloads';
import { errorText } from './route-tab';
import {
  addToCampaign,
  campaign,
  type DigOnceNotice,
  DOWNLOADS,
  digOnce,
  spareCapacity,
  type UndergroundingCandidate,
  undergrounding,
} from './sharing-api';
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
  const { tValue } = useI18n();
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
      {notices.data && notices.data.features.length > 0 ? (
        <button
          type="button"
          data-testid="dig-once-fit-all"
          onClick={() =>
            fitTo(
              map,
              notices.data.features.flatMap((f) => f.geometry.coordinates.flat()),
            )
          }
        >
          {t('fitAll')}
        </button>
      ) : null}
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
                ? (n.telecomWork.code ?? tValue(n.telecomWork.kind))
                : (n.civilWork.name ?? n.civilWork.code)}
            </button>
            <div>
              {t('coordinateWith')}: <strong>{n.coordinateWith.name ?? n.coordinateWith.code}</strong>
              {n.role === 'telecom'
                ? ` — ${n.civilWork.name ?? n.civilWork.code ?? ''} (${tValue(n.civilWork.sector)})`
                : ''}
            </div>
            <div className="sharing-muted">
              {t('shared')}: {formatLength(lang, n.sharedLengthM)}
              {n.window
                ? ` · ${t('window')}: ${formatDay(n.window.startsOn)} → ${formatDay(n.window.endsOn)}`
                : ''}
            </div>
          </li>
        ))}
      </ul>
      {org ? (
        <DownloadLinks
          testId="dig-once-downloads"
          links={[
            { format: 'csv', href: DOWNLOADS.digOnce(org, 'csv') },
            { format: 'geojson', href: DOWNLOADS.digOnce(org, 'geojson') },
          ]}
        />
      ) : null}
    </section>
  );
}

/** Aerial cables alongside spare ducts or planned works: ranked list and map layer. */
export function UndergroundTab({
  map,
  active,
  user,
}: {
  map: MapLibreMap | null;
  active: boolean;
  user: SessionUser | null;
}) {
  const { t, lang } = useSharingText();
  const orgName = useOrganisationName();
  const queryClient = useQueryClient();
  const editable = mayEditCampaign(user);
  const candidates = useQuery({
    queryKey: ['sharing', 'undergrounding'],
    queryFn: ({ signal }) => undergrounding(signal),
    enabled: active,
    staleTime: 60_000,
  });
  const inCampaign = useQuery({
    queryKey: [...CAMPAIGN_QUERY, 'segments'],
    queryFn: ({ signal }) => campaign(signal),
    enabled: active && editable,
  });
  const campaignIds = useMemo(() => campaignStretchIds(inCampaign.data), [inCampaign.data]);
  const [year, setYear] = useState(() => Math.min(2040, Math.max(2026, new Date().getFullYear() + 1)));
  const [topN, setTopN] = useState(10);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [adding, setAdding] = useState(false);
  const data = useMemo(() => (active && candidates.data ? candidates.data : null), [active, candidates.data]);
  useGeoJsonLayers(map, 'sharing-underground', data, UNDERGROUND_LAYERS);

  async function add(list: readonly UndergroundingCandidate[]) {
    setMessage(null);
    if (list.length === 0) {
      setMessage({ text: t('nothingToAdd'), error: false });
      return;
    }
    setAdding(true);
    try {
      const created = await addToCampaign(list, year);
      setMessage({ text: t('added', { n: created.features.length }), error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      setAdding(false);
      await queryClient.invalidateQueries({ queryKey: CAMPAIGN_QUERY });
    }
  }

  return (
    <section className="sharing-tab" data-testid="sharing-underground">
      <h3>{t('candidates')}</h3>
      {editable && candidates.data ? (
        <div className="campaign-add">
          <label className="sharing-field">
            <span>{t('plannedYear')}</span>
            <select
              value={year}
              data-testid="campaign-year"
              onChange={(e) => setYear(Number(e.target.value))}
            >
              {Array.from({ length: 15 }, (_, i) => 2026 + i).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label className="sharing-field">
            <span>{t('topN')}</span>
            <input
              type="number"
              min={1}
              max={200}
              value={topN}
              onChange={(e) => setTopN(Math.min(200, Math.max(1, Number(e.target.value) || 1)))}
            />
          </label>
          <button
            type="button"
            data-testid="campaign-add-top"
            disabled={adding}
            onClick={() => add(topCandidatesToAdd(candidates.data.features, campaignIds, topN))}
          >
            {t('addTop', { n: topN })}
          </button>
        </div>
      ) : null}
      {message ? (
        <p
          className={message.error ? 'sharing-error' : 'sharing-hint'}
          role="status"
          data-testid="campaign-add-message"
        >
          {message.text}
        </p>
      ) : null}
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
                  {editable ? <th /> : null}
                </tr>
              </thead>
              <tbody>
                {candidates.data.features.map((f) => (
                  <tr key={f.id} className="clickable" onClick={() => fitTo(map, f.geometry.coordinates)}>
                    <td className="num">{f.properties.rank}</td>
                    <td>{f.properties.streetName ?? t('unnamed')}</td>
                    <td>{orgName(f.properties.ownerOrgId, f.properties.ownerCode)}</td>
                    <td className="num">{formatLength(lang, f.properties.lengthM)}</td>
                    <td>
                      {[
                        f.properties.spareDuctIds.length > 0 ? t('spareDuct') : null,
                        f.properties.civilWorkIds.length > 0 ? t('civilWork') : null,
                      ]
                        .filter(Boolean)
                        .join(', ')}
                    </td>
                    {editable ? (
                      <td>
                        {campaignIds.has(stretchId(f.properties.cableRouteId, f.geometry.coordinates)) ? (
                          <span
                            className="sharing-muted"
                            title={t('inCampaign')}
                            data-testid="candidate-in-campaign"
                          >
                            ✓
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="icon-button"
                            data-testid="candidate-add"
                            aria-label={t('addToCampaign')}
                            title={t('addToCampaign')}
                            disabled={adding}
                            onClick={(e) => {
                              e.stopPropagation();
                              void add([f]);
                            }}
                          >
                            +
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DownloadLinks
            testId="underground-downloads"
            links={[
              { format: 'csv', href: DOWNLOADS.undergrounding('csv') },
              { format: 'geojson', href: DOWNLOADS.undergrounding('geojson') },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
