import type { Map as MapLibreMap } from 'maplibre-gl';
import { useMemo, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { formatNumber } from '../../lib/format';
import { launchColocationRequest } from '../colocation/colocation-launcher';
import { routeColocationTargets } from './campaign-model';
import {
  DEFAULT_COSTS,
  type LngLat,
  planRoute,
  ROUTE_KINDS,
  type RouteKind,
  type RoutePlanAnswer,
} from './sharing-api';
import { useSharingText } from './sharing-i18n';
import { ROUTE_COLOURS, ROUTE_LAYERS } from './sharing-layers';
import {
  boundsOf,
  costsFromText,
  formatLength,
  formatLngLat,
  parseLngLat,
  routeCounterparts,
  routeLengthRows,
} from './sharing-model';
import { useGeoJsonLayers, usePickOnMap } from './use-sharing-layers';

type CableType = 'fiber' | 'copper' | 'coaxial';

/** Error text of a failed call: the message and every problem with its path. */
export function errorText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    const details = error.details.map((d) => `${d.path.join('.')}: ${d.message}`);
    return [error.message, ...details].join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The route planner: stops typed or picked on the map, cable type, costs; the route and its quantities. */
export function RouteTab({ map, active }: { map: MapLibreMap | null; active: boolean }) {
  const { t, label, lang } = useSharingText();
  const [stops, setStops] = useState<string[]>(['', '']);
  const [cableType, setCableType] = useState<CableType>('fiber');
  const [costText, setCostText] = useState<Partial<Record<RouteKind, string>>>({});
  const [picking, setPicking] = useState(false);
  const [result, setResult] = useState<RoutePlanAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  usePickOnMap(map, active && picking, (p) => {
    setStops((current) => {
      const empty = current.findIndex((s) => s.trim() === '');
      const text = formatLngLat(p);
      if (empty >= 0) return current.map((s, i) => (i === empty ? text : s));
      return current.length < 20 ? [...current, text] : current;
    });
  });

  const parsed = stops.map(parseLngLat);
  const stopPoints = parsed.filter((p): p is LngLat => p !== null);
  const stopKey = stops.join('|');
  const mapData = useMemo(() => {
    if (!active) return null;
    const features: object[] = (result?.features ?? []).map((f) => ({ ...f }));
    stopKey.split('|').forEach((text, i) => {
      const p = parseLngLat(text);
      if (p)
        features.push({
          type: 'Feature',
          id: 1000 + i,
          geometry: { type: 'Point', coordinates: p },
          properties: { stop: i + 1 },
        });
    });
    return { type: 'FeatureCollection' as const, features };
  }, [active, result, stopKey]);
  useGeoJsonLayers(map, 'sharing-route', mapData, ROUTE_LAYERS);

  async function run() {
    setError(null);
    const bad = parsed.indexOf(null);
    if (bad >= 0) {
      setError(t('badStop', { n: bad + 1 }));
      return;
    }
    const { costs, invalid } = costsFromText(costText);
    if (invalid.length > 0) {
      setError(`${t('badCost')}: ${invalid.map((k) => label('routeKind', k)).join(', ')}`);
      return;
    }
    setBusy(true);
    setPicking(false);
    try {
      const answer = await planRoute({ points: stopPoints, cableType, costs });
      setResult(answer);
      const bounds = boundsOf(answer.features.flatMap((f) => f.geometry.coordinates));
      if (map && bounds)
        map.fitBounds(
          [
            [bounds[0], bounds[1]],
            [bounds[2], bounds[3]],
          ],
          { padding: 60, maxZoom: 17, duration: 0 },
        );
    } catch (e) {
      setResult(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const rows = result ? routeLengthRows(result) : [];
  const counterparts = result ? routeCounterparts(result) : [];

  return (
    <section className="sharing-tab" data-testid="sharing-route">
      <fieldset>
        <legend>{t('stops')}</legend>
        {stops.map((s, i) => (
          <div className="sharing-stop" key={i}>
            <label>
              <span>{t('stop', { n: i + 1 })}</span>
              <input
                data-testid={`route-stop-${i}`}
                value={s}
                placeholder="106.68, 20.86"
                aria-invalid={s.trim() !== '' && parsed[i] === null}
                onChange={(e) => setStops((cur) => cur.map((x, j) => (j === i ? e.target.value : x)))}
              />
            </label>
            {stops.length > 2 ? (
              <button
                type="button"
                className="icon-button"
                aria-label={t('removeStop')}
                onClick={() => setStops((cur) => cur.filter((_, j) => j !== i))}
              >
                ×
              </button>
            ) : null}
          </div>
        ))}
        <div className="sharing-actions">
          <button type="button" onClick={() => setStops((cur) => (cur.length < 20 ? [...cur, ''] : cur))}>
            {t('addStop')}
          </button>
          <button
            type="button"
            aria-pressed={picking}
            data-testid="route-pick"
            className={picking ? 'active' : undefined}
            onClick={() => setPicking((v) => !v)}
          >
            {t('pickOnMap')}
          </button>
          <button
            type="button"
            data-testid="route-clear"
            onClick={() => {
              setStops(['', '']);
              setResult(null);
              setError(null);
            }}
          >
            {t('clear')}
          </button>
        </div>
        {picking ? <p className="sharing-hint picking">{t('picking')}</p> : null}
      </fieldset>
      <label className="sharing-field">
        <span>{t('cableType')}</span>
        <select
          value={cableType}
          onChange={(e) => setCableType(e.target.value as CableType)}
          data-testid="route-cable"
        >
          <option value="fiber">{t('fiber')}</option>
          <option value="copper">{t('copper')}</option>
          <option value="coaxial">{t('coaxial')}</option>
        </select>
      </label>
      <details className="sharing-costs">
        <summary>{t('costs')}</summary>
        {ROUTE_KINDS.map((k) => (
          <label className="sharing-field" key={k}>
            <span>{label('routeKind', k)}</span>
            <input
              inputMode="decimal"
              placeholder={String(DEFAULT_COSTS[k])}
              value={costText[k] ?? ''}
              onChange={(e) => setCostText((c) => ({ ...c, [k]: e.target.value }))}
            />
          </label>
        ))}
      </details>
      <button type="button" className="primary" data-testid="route-run" disabled={busy} onClick={run}>
        {busy ? t('planning') : t('plan')}
      </button>
      {error ? (
        <p className="sharing-error" role="alert" data-testid="route-error">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="sharing-result" data-testid="route-result">
          <div className="sharing-figures">
            <div>
              <span>{t('total')}</span>
              <strong data-testid="route-total">{formatLength(lang, result.totalLengthM)}</strong>
            </div>
            <div>
              <span>{t('totalCost')}</span>
              <strong>{formatNumber(lang, result.totalCost, 0)}</strong>
            </div>
          </div>
          <h3>{t('lengthByKind')}</h3>
          <table className="sharing-table" data-testid="route-lengths">
            <tbody>
              {rows.map((r) => (
                <tr key={r.kind} data-kind={r.kind}>
                  <td>
                    <span className="swatch" style={{ background: ROUTE_COLOURS[r.kind] }} />
                    {label('routeKind', r.kind)}
                  </td>
                  <td className="num">{formatLength(lang, r.lengthM)}</td>
                  <td className="num">{Math.round(r.share * 100)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('counterparts')}</h3>
          {counterparts.length === 0 ? (
            <p className="sharing-muted">{t('noCounterparts')}</p>
          ) : (
            <table className="sharing-table" data-testid="route-counterparts">
              <thead>
                <tr>
                  <th>{t('owner')}</th>
                  <th>{t('length')}</th>
                  <th>{t('assets')}</th>
                </tr>
              </thead>
              <tbody>
                {counterparts.map((c) => (
                  <tr key={c.ownerOrgId}>
                    <td>
                      {c.name}
                      <div className="sharing-muted">
                        {c.kinds.map((k) => label('routeKind', k)).join(', ')}
                      </div>
                    </td>
                    <td className="num">{formatLength(lang, c.lengthM)}</td>
                    <td className="num">{c.assetCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(() => {
            const targets = routeColocationTargets(result, { duct: t('ductWord'), pole: t('poleWord') });
            return targets.length > 0 ? (
              <button
                type="button"
                data-testid="route-request-colocation"
                onClick={() =>
                  launchColocationRequest({
                    targets,
                    source: 'route_planner',
                    justification: t('colocationJustification', {
                      cable: t(cableType),
                      len: formatLength(lang, result.totalLengthM),
                    }),
                  })
                }
              >
                {t('requestColocation')} ({targets.length})
              </button>
            ) : counterparts.length > 0 ? (
              <p className="sharing-muted">{t('noColocationTargets')}</p>
            ) : null;
          })()}
          <h3>{t('quantities')}</h3>
          <table className="sharing-table" data-testid="route-quantities">
            <tbody>
              {Object.entries(result.quantities).map(([k, v]) => (
                <tr key={k}>
                  <td>{label('quantities', k)}</td>
                  <td className="num">{formatNumber(lang, v, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {active ? (
        <div className="sharing-legend" data-testid="route-legend">
          <strong>{t('legend')}</strong>
          {ROUTE_KINDS.map((k) => (
            <div key={k}>
              <span className="swatch line" style={{ background: ROUTE_COLOURS[k] }} />
              {label('routeKind', k)}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
