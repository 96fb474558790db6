import type { SessionUser } from '@hatang/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { useOrganisationName } from '../../lib/queries';
import { CAMPAIGN_COLOURS, campaignYearRows } from './campaign-model';
import { DownloadLinks } from './downloads';
import { errorText } from './route-tab';
import {
  CAMPAIGN_STATUSES,
  type CampaignSegment,
  type CampaignStatus,
  campaign,
  campaignSummary,
  DOWNLOADS,
  patchCampaignSegment,
  removeCampaignSegment,
} from './sharing-api';
import { useSharingText } from './sharing-i18n';
import { CAMPAIGN_LAYERS } from './sharing-layers';
import { boundsOf, formatLength } from './sharing-model';
import { useGeoJsonLayers } from './use-sharing-layers';

/** Planners and admins run the campaign (the API's policy); everyone else who reads sharing reads it. */
export const mayEditCampaign = (user: SessionUser | null) =>
  user?.roles.some((r) => r === 'planner' || r === 'admin') ?? false;

export const CAMPAIGN_QUERY = ['sharing', 'campaign'] as const;

function fitTo(map: MapLibreMap | null, coordinates: [number, number][]) {
  const b = boundsOf(coordinates);
  if (map && b)
    map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: 60, maxZoom: 17, duration: 0 },
    );
}

/**
 * The overhead cable cleanup campaign: km planned / in progress / done per year (table and bars),
 * the stretches with their status (a select for planners; a stale version shows a conflict
 * message and reloads), the stretches on the map coloured by status, and downloads.
 */
export function CampaignTab({
  map,
  active,
  user,
}: {
  map: MapLibreMap | null;
  active: boolean;
  user: SessionUser | null;
}) {
  const { t, label, lang } = useSharingText();
  const orgName = useOrganisationName();
  const queryClient = useQueryClient();
  const segments = useQuery({
    queryKey: [...CAMPAIGN_QUERY, 'segments'],
    queryFn: ({ signal }) => campaign(signal),
    enabled: active,
  });
  const summary = useQuery({
    queryKey: [...CAMPAIGN_QUERY, 'summary'],
    queryFn: ({ signal }) => campaignSummary(signal),
    enabled: active,
  });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const editable = mayEditCampaign(user);
  const data = useMemo(() => (active && segments.data ? segments.data : null), [active, segments.data]);
  useGeoJsonLayers(map, 'sharing-campaign', data, CAMPAIGN_LAYERS);

  // Show the whole campaign the first time it arrives while the tab is open.
  const fitted = useRef(false);
  useEffect(() => {
    if (!active || fitted.current || !segments.data?.features.length) return;
    fitted.current = true;
    fitTo(
      map,
      segments.data.features.flatMap((f) => f.geometry.coordinates),
    );
  }, [active, map, segments.data]);

  const reload = () => queryClient.invalidateQueries({ queryKey: CAMPAIGN_QUERY });

  async function change(segment: CampaignSegment, status: CampaignStatus) {
    setMessage(null);
    setBusy(segment.id);
    try {
      await patchCampaignSegment(segment.id, segment.properties.version, { status });
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'VERSION_CONFLICT') {
        const current = e.current as CampaignSegment | undefined;
        setMessage(
          t('campaignConflict', {
            street: segment.properties.streetName ?? t('unnamed'),
            v: current?.properties.version ?? '?',
          }),
        );
      } else setMessage(errorText(e));
    } finally {
      setBusy(null);
      await reload();
    }
  }

  async function remove(segment: CampaignSegment) {
    setMessage(null);
    setBusy(segment.id);
    try {
      await removeCampaignSegment(segment.id, segment.properties.version);
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(null);
      await reload();
    }
  }

  const rows = summary.data ? campaignYearRows(summary.data) : [];
  const number = (v: number) =>
    new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(v);

  return (
    <section className="sharing-tab" data-testid="sharing-campaign">
      {segments.error ? <p className="sharing-error">{errorText(segments.error)}</p> : null}
      {message ? (
        <p className="sharing-error" role="alert" data-testid="campaign-message">
          {message}
        </p>
      ) : null}
      {summary.data ? (
        <p data-testid="campaign-total">
          {t('campaignTotal', {
            n: summary.data.totals.segments,
            len: formatLength(lang, summary.data.totals.totalM),
            done: formatLength(lang, summary.data.totals.doneM),
          })}
        </p>
      ) : null}
      <h3>{t('campaignByYear')}</h3>
      <table className="sharing-table" data-testid="campaign-years">
        <thead>
          <tr>
            <th>{t('year')}</th>
            <th>{t('plannedKm')}</th>
            <th>{t('inProgressKm')}</th>
            <th>{t('doneKm')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year} data-year={r.year}>
              <td>
                {r.year}
                <div className="campaign-bar" aria-hidden="true">
                  {CAMPAIGN_STATUSES.map((s) => (
                    <span key={s} style={{ width: `${r.bar[s] * 100}%`, background: CAMPAIGN_COLOURS[s] }} />
                  ))}
                </div>
              </td>
              <td className="num">{number(r.plannedKm)}</td>
              <td className="num">{number(r.inProgressKm)}</td>
              <td className="num" data-testid={`campaign-done-${r.year}`}>
                {number(r.doneKm)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sharing-legend inline">
        {CAMPAIGN_STATUSES.map((s) => (
          <div key={s}>
            <span className="swatch line" style={{ background: CAMPAIGN_COLOURS[s] }} />
            {label('campaignStatus', s)}
          </div>
        ))}
      </div>
      <h3>{t('campaignStreets')}</h3>
      {segments.isPending ? <p className="sharing-muted">{t('loading')}</p> : null}
      {segments.data && segments.data.features.length === 0 ? (
        <p className="sharing-muted">{t('campaignEmpty')}</p>
      ) : null}
      {segments.data && segments.data.features.length > 0 ? (
        <div className="sharing-scroll">
          <table className="sharing-table" data-testid="campaign-segments">
            <thead>
              <tr>
                <th>{t('street')}</th>
                <th>{t('length')}</th>
                <th>{t('year')}</th>
                <th>{t('status')}</th>
                {editable ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {segments.data.features.map((f) => (
                <tr key={f.id} data-segment={f.id} data-cable={f.properties.cableRouteId ?? ''}>
                  <td>
                    <button type="button" className="link" onClick={() => fitTo(map, f.geometry.coordinates)}>
                      {f.properties.streetName ?? t('unnamed')}
                    </button>
                    <div className="sharing-muted">
                      {orgName(f.properties.ownerOrgId, f.properties.ownerCode)}
                    </div>
                  </td>
                  <td className="num">{formatLength(lang, f.properties.lengthM)}</td>
                  <td className="num">{f.properties.plannedYear}</td>
                  <td>
                    {editable ? (
                      <select
                        aria-label={t('status')}
                        data-testid="campaign-status"
                        value={f.properties.status}
                        disabled={busy === f.id}
                        onChange={(e) => change(f, e.target.value as CampaignStatus)}
                      >
                        {CAMPAIGN_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {label('campaignStatus', s)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span>
                        <span
                          className="swatch"
                          style={{ background: CAMPAIGN_COLOURS[f.properties.status] }}
                        />
                        {label('campaignStatus', f.properties.status)}
                      </span>
                    )}
                  </td>
                  {editable ? (
                    <td>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('removeFromCampaign')}
                        title={t('removeFromCampaign')}
                        disabled={busy === f.id}
                        onClick={() => remove(f)}
                      >
                        ×
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <DownloadLinks
        testId="campaign-downloads"
        links={[
          { format: 'csv', href: DOWNLOADS.campaign('csv') },
          { format: 'geojson', href: DOWNLOADS.campaign('geojson') },
        ]}
      />
    </section>
  );
}
