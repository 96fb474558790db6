import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useMemo } from 'react';
import { formatNumber } from '../../lib/format';
import type { Organisation } from '../../lib/types';
import { colocationKeys, fetchOversight, fetchOversightMap, OVERSIGHT_CSV_URL } from './colocation-api';
import { useColocationText } from './colocation-i18n';
import { oversightRows } from './colocation-model';
import { type MarkerFeature, useColocationMarkers } from './use-colocation-layers';

/**
 * Planners' oversight: per owner, requests received and answered, median days to answer,
 * acceptance rate, overdue and pending; a CSV download; the pending requests on the map.
 */
export function OversightTab({
  map,
  active,
  organisations,
  onOpen,
}: {
  map: MapLibreMap | null;
  active: boolean;
  organisations: readonly Organisation[] | undefined;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useColocationText();
  const table = useQuery({
    queryKey: colocationKeys.oversight,
    queryFn: ({ signal }) => fetchOversight(signal),
  });
  const pending = useQuery({
    queryKey: colocationKeys.oversightMap,
    queryFn: ({ signal }) => fetchOversightMap(signal),
  });
  const names = useMemo(() => new Map((organisations ?? []).map((o) => [o.id, o.name])), [organisations]);
  const rows = useMemo(
    () => oversightRows(table.data?.items ?? [], names, t('total')),
    [table.data, names, t],
  );
  const markers = useMemo(
    (): MarkerFeature[] | null =>
      active && pending.data
        ? pending.data.features.map((f) => ({
            type: 'Feature',
            geometry: f.geometry,
            properties: { id: f.properties.id, overdue: f.properties.overdue, status: f.properties.status },
          }))
        : null,
    [active, pending.data],
  );
  useColocationMarkers(map, markers, onOpen);
  const n = (v: number | null, digits = 0) => (v === null ? '–' : formatNumber(lang, v, digits));
  return (
    <div data-testid="colocation-oversight">
      <p className="colocation-hint">
        {t('oversightIntro')}
        {table.data?.responseWorkingDays
          ? ` (${table.data.responseWorkingDays} ${lang === 'vi' ? 'ngày làm việc' : 'working days'})`
          : ''}
      </p>
      {table.error ? <p className="field-problem">{t('failed', { message: table.error.message })}</p> : null}
      {table.isPending ? (
        <p className="colocation-hint">{t('loading')}</p>
      ) : (
        <table data-testid="oversight-table">
          <thead>
            <tr>
              <th>{t('colOwner')}</th>
              <th className="num">{t('colReceived')}</th>
              <th className="num">{t('colAnswered')}</th>
              <th className="num">{t('colMedianDays')}</th>
              <th className="num">{t('colAcceptance')}</th>
              <th className="num">{t('colOverdue')}</th>
              <th className="num">{t('colPending')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.key}
                className={r.isTotal ? 'total' : r.overdue > 0 ? 'overdue' : undefined}
                data-testid={r.isTotal ? 'oversight-total' : 'oversight-row'}
                data-owner={r.key}
              >
                <td>{r.owner}</td>
                <td className="num" data-col="received">
                  {r.received}
                </td>
                <td className="num" data-col="answered">
                  {r.answered}
                </td>
                <td className="num">{n(r.medianDays, 1)}</td>
                <td className="num" data-col="acceptance">
                  {r.acceptancePercent === null ? '–' : `${n(r.acceptancePercent, 1)} %`}
                </td>
                <td className="num" data-col="overdue">
                  {r.overdue}
                </td>
                <td className="num" data-col="pending">
                  {r.pending}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={OVERSIGHT_CSV_URL} download="colocation-oversight.csv" data-testid="oversight-csv">
          {t('downloadCsv')}
        </a>
      </p>
      {pending.data ? (
        <p className="colocation-hint" data-testid="oversight-pending">
          {t('pendingOnMap', { count: pending.data.features.length })}
        </p>
      ) : null}
    </div>
  );
}
