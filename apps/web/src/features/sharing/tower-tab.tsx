import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useMemo, useState } from 'react';
import type { Organisation } from '../../lib/types';
import { DownloadLinks } from './downloads';
import { errorText } from './route-tab';
import { DOWNLOADS, type LngLat, type TowerNearbyAnswer, towerReport, towersNearby } from './sharing-api';
import { useSharingText } from './sharing-i18n';
import { CLUSTER_LAYERS, TOWER_LAYERS } from './sharing-layers';
import { circleRing, clusterFeatures, formatLngLat, parseLngLat } from './sharing-model';
import { useGeoJsonLayers, usePickOnMap } from './use-sharing-layers';

type Tech = '2G' | '3G' | '4G' | '5G';

/** The proposed point, the sharing circle and the towers that can host, as map features. */
export function towerCheckFeatures(answer: TowerNearbyAnswer) {
  return {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        id: 0,
        geometry: {
          type: 'Polygon' as const,
          coordinates: [circleRing(answer.point, answer.sharingDistanceM)],
        },
        properties: { role: 'circle' },
      },
      ...answer.candidates.map((c, i) => ({
        type: 'Feature' as const,
        id: i + 1,
        geometry: { type: 'Point' as const, coordinates: c.position },
        properties: { role: 'host', towerId: c.towerId, towerCode: c.towerCode },
      })),
      {
        type: 'Feature' as const,
        id: answer.candidates.length + 1,
        geometry: { type: 'Point' as const, coordinates: answer.point },
        properties: { role: 'proposed' },
      },
    ],
  };
}

/** Tower sharing for a point, and the city-wide report. */
export function TowerTab({
  map,
  active,
  organisations,
}: {
  map: MapLibreMap | null;
  active: boolean;
  organisations: readonly Organisation[] | undefined;
}) {
  const { t, label, lang } = useSharingText();
  const [pointText, setPointText] = useState('');
  const [height, setHeight] = useState('30');
  const [technology, setTechnology] = useState<Tech>('4G');
  const [picking, setPicking] = useState(false);
  const [answer, setAnswer] = useState<TowerNearbyAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showReport, setShowReport] = useState(false);
  const fmt = (v: number, d = 0) =>
    new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: d }).format(v);
  const orgName = (id: string) => organisations?.find((o) => o.id === id)?.name ?? id.slice(0, 8);

  async function check(point: LngLat | null) {
    setError(null);
    const heightM = Number(height.replace(',', '.'));
    if (!point) {
      setError(t('point'));
      return;
    }
    setBusy(true);
    try {
      setAnswer(await towersNearby({ point, requiredHeightM: heightM, technology }));
    } catch (e) {
      setAnswer(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  usePickOnMap(map, active && picking, (p) => {
    setPointText(formatLngLat(p));
    setPicking(false);
    void check(p);
  });

  const report = useQuery({
    queryKey: ['sharing', 'tower-report'],
    queryFn: ({ signal }) => towerReport(signal),
    enabled: showReport,
    staleTime: 60_000,
  });

  const checkData = useMemo(() => (active && answer ? towerCheckFeatures(answer) : null), [active, answer]);
  useGeoJsonLayers(map, 'sharing-towers', checkData, TOWER_LAYERS);
  const clusterData = useMemo(
    () => (active && showReport && report.data ? clusterFeatures(report.data) : null),
    [active, showReport, report.data],
  );
  useGeoJsonLayers(map, 'sharing-clusters', clusterData, CLUSTER_LAYERS);

  const zoomTo = (p: LngLat) => map?.flyTo({ center: p, zoom: Math.max(map.getZoom(), 16) });

  return (
    <section className="sharing-tab" data-testid="sharing-towers">
      <label className="sharing-field wide">
        <span>{t('point')}</span>
        <input
          data-testid="tower-point"
          value={pointText}
          placeholder="106.68, 20.86"
          onChange={(e) => setPointText(e.target.value)}
        />
      </label>
      <div className="sharing-row">
        <label className="sharing-field">
          <span>{t('heightM')}</span>
          <input
            data-testid="tower-height"
            inputMode="decimal"
            value={height}
            onChange={(e) => setHeight(e.target.value)}
          />
        </label>
        <label className="sharing-field">
          <span>{t('technology')}</span>
          <select value={technology} onChange={(e) => setTechnology(e.target.value as Tech)}>
            {(['2G', '3G', '4G', '5G'] as const).map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="sharing-actions">
        <button
          type="button"
          aria-pressed={picking}
          className={picking ? 'active' : undefined}
          onClick={() => setPicking((v) => !v)}
        >
          {t('pickOnMap')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="tower-run"
          disabled={busy}
          onClick={() => check(parseLngLat(pointText))}
        >
          {busy ? t('checking') : t('check')}
        </button>
      </div>
      {picking ? <p className="sharing-hint picking">{t('picking')}</p> : null}
      {error ? (
        <p className="sharing-error" role="alert">
          {error}
        </p>
      ) : null}
      {answer ? (
        <div className="sharing-result" data-testid="tower-result">
          <p
            className={answer.newTowerAllowed ? 'verdict allowed' : 'verdict share'}
            data-testid="tower-verdict"
          >
            {answer.newTowerAllowed ? t('newAllowed') : t('mustShare', { n: answer.candidates.length })}
          </p>
          <p className="sharing-muted">
            {t('sharingDistance', {
              m: answer.sharingDistanceM,
              unit: answer.unit ? answer.unit.name : t('outsideUnits'),
            })}
          </p>
          <h3>{t('hosts')}</h3>
          {answer.candidates.length === 0 ? (
            <p className="sharing-muted">{t('none')}</p>
          ) : (
            <table className="sharing-table" data-testid="tower-hosts">
              <thead>
                <tr>
                  <th>{t('tower')}</th>
                  <th>{t('owner')}</th>
                  <th>{t('distance')}</th>
                  <th>{t('height')}</th>
                  <th>{t('freeSlots')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.candidates.map((c) => (
                  <tr key={c.towerId} className="clickable" onClick={() => zoomTo(c.position)}>
                    <td>{c.towerCode ?? c.towerId.slice(0, 8)}</td>
                    <td>{c.ownerName ?? c.ownerCode}</td>
                    <td className="num">{fmt(c.distanceM)} m</td>
                    <td className="num">{fmt(c.heightM, 1)} m</td>
                    <td className="num">{c.freeTenantSlots}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('blocked')}</h3>
          {answer.blocked.length === 0 ? (
            <p className="sharing-muted">{t('none')}</p>
          ) : (
            <table className="sharing-table" data-testid="tower-blocked">
              <thead>
                <tr>
                  <th>{t('tower')}</th>
                  <th>{t('owner')}</th>
                  <th>{t('distance')}</th>
                  <th>{t('reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.blocked.map((b) => (
                  <tr key={b.towerId}>
                    <td>{b.towerCode ?? b.towerId.slice(0, 8)}</td>
                    <td>{b.ownerName ?? b.ownerCode}</td>
                    <td className="num">{fmt(b.distanceM)} m</td>
                    <td>{b.reasons.map((r) => label('blockReason', r)).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}

      <h3>{t('report')}</h3>
      {!showReport ? (
        <button type="button" data-testid="tower-report" onClick={() => setShowReport(true)}>
          {t('loadReport')}
        </button>
      ) : report.isPending ? (
        <p className="sharing-muted">{t('loading')}</p>
      ) : report.error ? (
        <p className="sharing-error">{errorText(report.error)}</p>
      ) : report.data ? (
        <div className="sharing-result" data-testid="tower-report-result">
          <div className="sharing-figures">
            <div>
              <span>{t('towersTotal')}</span>
              <strong>{fmt(report.data.towerCount)}</strong>
            </div>
            <div>
              <span>{t('singleTenant')}</span>
              <strong>{fmt(report.data.underused.length)}</strong>
            </div>
            <div>
              <span>{t('clusters')}</span>
              <strong>{fmt(report.data.clusters.length)}</strong>
            </div>
          </div>
          <h4>{t('clusters')}</h4>
          <ul className="sharing-list">
            {report.data.clusters.slice(0, 50).map((c, i) => (
              <li key={c.towerIds.join(',')}>
                <button type="button" className="link" onClick={() => zoomTo(c.centre)}>
                  {i + 1}.{' '}
                  {t('clusterRow', {
                    towers: c.towerIds.length,
                    owners: c.ownerOrgIds.length,
                    m: fmt(c.maxLinkM),
                  })}
                </button>
                <div className="sharing-muted">{c.ownerOrgIds.map(orgName).join(', ')}</div>
              </li>
            ))}
          </ul>
          <h4>{t('byOwner')}</h4>
          <UtilisationTable
            rows={report.data.byOwner.map((o) => ({
              key: o.ownerOrgId,
              name: o.ownerName ?? o.ownerCode ?? o.ownerOrgId,
              ...o,
            }))}
            head={t('owner')}
            fmt={fmt}
          />
          <h4>{t('byUnit')}</h4>
          <UtilisationTable
            rows={report.data.byUnit.map((u) => ({
              key: u.unitCode ?? '-',
              name: u.unitCode ?? t('outsideUnits'),
              ...u,
            }))}
            head={t('unit')}
            fmt={fmt}
          />
          <DownloadLinks
            testId="tower-report-downloads"
            links={[
              { format: 'csv', href: DOWNLOADS.towerReport('csv', 'underused') },
              { format: 'geojson', href: DOWNLOADS.towerReport('geojson') },
            ]}
          />
          <p className="sharing-downloads">
            <span>CSV:</span>
            <a href={DOWNLOADS.towerReport('csv', 'clusters')} download>
              {t('clusters')}
            </a>
            <a href={DOWNLOADS.towerReport('csv', 'byOwner')} download>
              {t('byOwner')}
            </a>
            <a href={DOWNLOADS.towerReport('csv', 'byUnit')} download>
              {t('byUnit')}
            </a>
          </p>
        </div>
      ) : null}
    </section>
  );
}

function UtilisationTable({
  rows,
  head,
  fmt,
}: {
  rows: {
    key: string;
    name: string;
    towers: number;
    singleTenantTowers: number;
    tenants: number;
    tenantSlots: number;
    utilisationPercent: number;
  }[];
  head: string;
  fmt: (v: number, d?: number) => string;
}) {
  const { t } = useSharingText();
  return (
    <div className="sharing-scroll">
      <table className="sharing-table">
        <thead>
          <tr>
            <th>{head}</th>
            <th>{t('towers')}</th>
            <th>{t('tenants')}</th>
            <th>{t('utilisation')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.name}</td>
              <td className="num">{fmt(r.towers)}</td>
              <td className="num">
                {fmt(r.tenants)} / {fmt(r.tenantSlots)}
              </td>
              <td className="num">{fmt(r.utilisationPercent, 0)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
