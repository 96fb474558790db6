import {
  type SessionUser,
  type ViolationCollection,
  type ViolationStatus,
  violationCollection,
  violationStatus,
} from '@hatang/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { formatDay } from '../../lib/format';
import type { AdminUnitCollection, Organisation } from '../../lib/types';
import { withSnapshot } from '../offline/offline-snapshots';
import { QueuedList } from './offline-sync';
import { StatusBadge, VIOLATIONS_KEY, ViolationDetail } from './violation-detail';
import { ViolationForm } from './violation-form';
import { listViolations } from './violations-api';
import { useViolationsText } from './violations-i18n';
import { STATUS_COLOURS, useViolationLayers } from './violations-layers';
import './violations.css';

const has = (user: SessionUser | null, ...roles: string[]) =>
  user?.roles.some((r) => roles.includes(r)) ?? false;

/**
 * Who sees the header button that opens this panel: inspectors, planners, admins and reviewers;
 * operators too, read-only (the violations linked to their own assets). Not the public.
 */
export const canUseViolations = (user: SessionUser | null): boolean =>
  has(user, 'inspector', 'planner', 'admin', 'reviewer', 'operator_editor', 'operator_viewer');

const mayRecord = (user: SessionUser | null) => has(user, 'inspector', 'planner', 'admin');
/** Planners, admins and reviewers choose a commune (or all); inspectors see theirs; operators their own assets'. */
const choosesCommune = (user: SessionUser | null) => has(user, 'planner', 'admin', 'reviewer');

type View = { kind: 'list' } | { kind: 'form' } | { kind: 'detail'; id: string };

/** The bounds `[[w, s], [e, n]]` of a commune's boundary, or null. */
function unitBounds(
  units: AdminUnitCollection | undefined,
  code: string,
): [[number, number], [number, number]] | null {
  const unit = units?.features.find((f) => f.properties.code === code);
  if (!unit) return null;
  const points = unit.geometry.coordinates.flat(2);
  if (!points.length) return null;
  const xs = points.map((p) => p[0] as number);
  const ys = points.map((p) => p[1] as number);
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

/** A kept list read back (null when it is not one: an older app's copy). */
const parseCollection = (data: unknown): ViolationCollection | null => {
  const parsed = violationCollection.safeParse(data);
  return parsed.success ? parsed.data : null;
};

/** The violations side panel (a third column of the app, like the sharing panel). */
export function ViolationsPanel(props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
}) {
  if (!props.open || !canUseViolations(props.user)) return null;
  return <PanelBody {...props} />;
}

function PanelBody({
  map,
  user,
  organisations,
  adminUnits,
  onClose,
}: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  onClose: () => void;
}) {
  const { t, label } = useViolationsText();
  const queryClient = useQueryClient();
  const isInspector = has(user, 'inspector') && !choosesCommune(user);
  const ownCommune = isInspector ? (user?.adminUnitCode ?? null) : null;
  const [chosen, setChosen] = useState('');
  const commune = ownCommune ?? (choosesCommune(user) ? chosen : '');
  const [status, setStatus] = useState<ViolationStatus | ''>('');
  const [view, setView] = useState<View>({ kind: 'list' });
  const [warning, setWarning] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The last list is kept on the phone (per user) and shown, with its time, when offline.
  const userId = user?.id ?? null;
  const list = useQuery({
    queryKey: [...VIOLATIONS_KEY, 'list', commune, status, userId],
    queryFn: ({ signal }) =>
      withSnapshot(
        userId,
        `violations:${commune}:${status}`,
        () => listViolations({ adminUnitCode: commune || undefined, status: status || undefined }, signal),
        parseCollection,
      ),
  });
  const shown = list.data?.value;
  const selectedId = view.kind === 'detail' ? view.id : null;
  useViolationLayers(map, shown ?? null, selectedId, view.kind === 'form', (id) =>
    setView({ kind: 'detail', id }),
  );

  // Show the commune being looked at.
  useEffect(() => {
    if (!map || !commune) return;
    const bounds = unitBounds(adminUnits, commune);
    if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 16 });
  }, [map, adminUnits, commune]);

  // Bring an opened violation into view.
  const opened = shown?.features.find((f) => f.id === selectedId);
  const openedAt = opened?.geometry.type === 'Point' ? opened.geometry.coordinates.join(',') : null;
  useEffect(() => {
    if (!map || !openedAt) return;
    const [lng, lat] = openedAt.split(',').map(Number) as [number, number];
    if (!map.getBounds().contains([lng, lat])) map.easeTo({ center: [lng, lat], duration: 0 });
  }, [map, openedAt]);

  const communes = useMemo(
    () =>
      [...(adminUnits?.features ?? [])]
        .map((f) => f.properties)
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [adminUnits],
  );
  const unitName = (code: string | null) =>
    (code && communes.find((u) => u.code === code)?.name) ?? code ?? '—';

  return (
    <aside className="dock-panel violations-panel" data-testid="violations-panel" aria-label={t('title')}>
      <header className="dock-panel-header violations-header">
        <div>
          <p className="kicker">{t('kicker')}</p>
          <h2>{t('title')}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>

      {view.kind === 'form' ? (
        <ViolationForm
          map={map}
          onCancel={() => setView({ kind: 'list' })}
          onQueued={() => {
            setNotice(t('queuedSaved'));
            setView({ kind: 'list' });
          }}
          onSaved={(v, w) => {
            setWarning(w);
            void queryClient.invalidateQueries({ queryKey: VIOLATIONS_KEY });
            setView({ kind: 'detail', id: v.id });
          }}
        />
      ) : view.kind === 'detail' ? (
        <>
          {warning ? <p className="violations-error">{warning}</p> : null}
          <ViolationDetail
            id={view.id}
            user={user}
            organisations={organisations}
            unitName={unitName}
            onBack={() => {
              setWarning(null);
              setView({ kind: 'list' });
            }}
          />
        </>
      ) : (
        <>
          {notice ? (
            <p className="violations-notice" role="status" data-testid="violation-queued-notice">
              {notice}
            </p>
          ) : null}
          <QueuedList userId={userId} />
          <div className="violations-filters">
            {choosesCommune(user) ? (
              <label>
                {t('commune')}
                <select
                  data-testid="violations-commune"
                  value={chosen}
                  onChange={(e) => setChosen(e.target.value)}
                >
                  <option value="">{t('allCommunes')}</option>
                  {communes.map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : isInspector ? (
              <p className="violations-hint" data-testid="violations-own-commune">
                {ownCommune ? t('yourCommune', { name: unitName(ownCommune) }) : t('noCommune')}
              </p>
            ) : (
              <p className="violations-hint">{t('operatorScope')}</p>
            )}
            <label>
              {t('status')}
              <select
                data-testid="violations-status"
                value={status}
                onChange={(e) => setStatus(e.target.value as ViolationStatus | '')}
              >
                <option value="">{t('allStatuses')}</option>
                {violationStatus.options.map((s) => (
                  <option key={s} value={s}>
                    {label('status', s)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {mayRecord(user) && (!isInspector || ownCommune) ? (
            <button
              type="button"
              className="primary violations-record"
              data-testid="violation-record"
              onClick={() => {
                setNotice(null);
                setView({ kind: 'form' });
              }}
            >
              {t('record')}
            </button>
          ) : null}
          <p className="violations-legend" title={t('legend')}>
            {violationStatus.options.map((s) => (
              <span key={s}>
                <i style={{ background: STATUS_COLOURS[s] }} /> {label('status', s)}
              </span>
            ))}
          </p>
          {list.isLoading ? <p>{t('loading')}</p> : null}
          {list.error ? <p className="violations-error">{list.error.message}</p> : null}
          {list.data?.savedAt ? (
            <p className="violations-notice" data-testid="violations-offline-copy">
              {t('savedCopy', { time: formatDay(list.data.savedAt, true) })}
            </p>
          ) : null}
          {shown ? (
            <>
              <p className="violations-hint" data-testid="violations-count">
                {shown.features.length ? t('count', { n: shown.features.length }) : t('empty')}
              </p>
              <ul className="violations-list" data-testid="violations-list">
                {shown.features.map((f) => (
                  <li key={f.id}>
                    <button
                      type="button"
                      data-testid="violation-row"
                      data-id={f.id}
                      data-status={f.properties.status}
                      onClick={() => setView({ kind: 'detail', id: f.id })}
                    >
                      <StatusBadge status={f.properties.status} />
                      <span className="violations-row-kind">{label('kind', f.properties.kind)}</span>
                      <span className="violations-row-meta">
                        {unitName(f.properties.adminUnitCode)} · {formatDay(f.properties.createdAt)}
                      </span>
                      <span className="violations-row-text">{f.properties.description}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </aside>
  );
}
