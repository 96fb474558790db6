import { type ColocationRequest, isColocationOpen, type SessionUser } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AdminUnitCollection, Organisation } from '../../lib/types';
import { colocationKeys, fetchRequests } from './colocation-api';
import { type ColocationKey, useColocationText } from './colocation-i18n';
import {
  type ColocationPrefill,
  onPendingPrefill,
  takePendingPrefill,
  takePendingRequest,
} from './colocation-launcher';
import { type ColocationTab, tabsFor } from './colocation-model';
import { OversightTab } from './oversight-tab';
import { RequestDetail } from './request-detail';
import { RequestForm } from './request-form';
import { RequestList } from './request-list';
import { type MarkerFeature, useColocationMarkers } from './use-colocation-layers';
import './colocation.css';

const USER_ROLES = new Set(['operator_editor', 'operator_viewer', 'planner', 'admin']);

/** Who sees the header button that opens this panel. */
export const canUseColocation = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => USER_ROLES.has(r)) ?? false;

const LABELS: Record<ColocationTab, ColocationKey> = {
  outgoing: 'tabOutgoing',
  inbox: 'tabInbox',
  all: 'tabAll',
  new: 'tabNew',
  oversight: 'tabOversight',
};
type Tab = ColocationTab;

/** The colocation side panel (a third column of the app, like the sharing panel). */
export function ColocationPanel(props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
}) {
  if (!props.open) return null;
  return <OpenPanel {...props} />;
}

function OpenPanel({
  map,
  user,
  organisations,
  onClose,
}: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  onClose: () => void;
}) {
  const { t } = useColocationText();
  const tabs = useMemo(() => tabsFor(user), [user]);
  // A launch (from a tower's panel, a candidate site, a route) or a clicked notification waits in
  // the launcher's store: take it when the panel mounts, and whenever a new one arrives.
  const [prefill, setPrefill] = useState<ColocationPrefill | null>(() => takePendingPrefill());
  const [formKey, setFormKey] = useState(0);
  const [openId, setOpenId] = useState<string | null>(() => takePendingRequest());
  const [tab, setTab] = useState<Tab>(() =>
    prefill && tabs.includes('new')
      ? 'new'
      : (tabs.find((x) => x === 'inbox' || x === 'all') ?? tabs[0] ?? 'inbox'),
  );
  useEffect(
    () =>
      onPendingPrefill(() => {
        const next = takePendingPrefill();
        if (next) {
          setPrefill(next);
          setFormKey((k) => k + 1);
          setOpenId(null);
          if (tabs.includes('new')) setTab('new');
        }
        const id = takePendingRequest();
        if (id) setOpenId(id);
      }),
    [tabs],
  );
  // Someone who may not send requests (a planner) launched one: say so and list the counterparts.
  const launchedWithoutForm = prefill !== null && !tabs.includes('new');

  const boxOf = (x: Tab) => (x === 'outgoing' ? 'outgoing' : x === 'inbox' ? 'incoming' : 'all');
  const listTab = tab === 'outgoing' || tab === 'inbox' || tab === 'all';
  const list = useQuery({
    queryKey: colocationKeys.list(boxOf(tab)),
    queryFn: ({ signal }) => fetchRequests(boxOf(tab), signal),
    enabled: listTab,
    refetchInterval: 30_000,
  });
  const byId = useMemo(() => new Map((list.data ?? []).map((r) => [r.id, r])), [list.data]);

  // The inbox's open requests as markers at their targets (only while the inbox list shows).
  const markers = useMemo((): MarkerFeature[] | null => {
    if (tab !== 'inbox' || openId !== null || !list.data) return null;
    return list.data
      .filter((r) => r.position && isColocationOpen(r.status))
      .map((r) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: r.position as [number, number] },
        properties: { id: r.id, overdue: r.overdue, status: r.status },
      }));
  }, [tab, openId, list.data]);
  useColocationMarkers(map, markers, setOpenId);

  // A request opened from a notification or the map: show the box it belongs to.
  const showBoxOf = useCallback(
    (r: ColocationRequest) => {
      const side =
        r.requesterOrgId === user?.orgId ? 'outgoing' : r.ownerOrgId === user?.orgId ? 'inbox' : null;
      setTab((current) =>
        side && (current === 'inbox' || current === 'outgoing') && tabs.includes(side) ? side : current,
      );
    },
    [user, tabs],
  );
  const openRequest = (r: ColocationRequest) => {
    setOpenId(r.id);
    if (map && r.position) map.easeTo({ center: r.position, zoom: Math.max(map.getZoom(), 16) });
  };

  return (
    <aside className="dock-panel colocation-panel" data-testid="colocation-panel" aria-label={t('title')}>
      <header className="dock-panel-header colocation-header">
        <div>
          <p className="kicker">{t('kicker')}</p>
          <h2>{t('title')}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      {tabs.length === 0 ? (
        <p className="colocation-hint">{t('notAvailable')}</p>
      ) : (
        <>
          <div className="colocation-tabs" role="tablist">
            {tabs.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                aria-selected={tab === x}
                data-testid={`colocation-tab-${x}`}
                onClick={() => {
                  setTab(x);
                  setOpenId(null);
                }}
              >
                {t(LABELS[x])}
              </button>
            ))}
          </div>
          {launchedWithoutForm && prefill ? (
            <div className="colocation-hint" data-testid="colocation-launch-notice">
              <p>{t('onlyEditorsSend')}</p>
              <ul>
                {prefill.targets.map((target) => (
                  <li key={`${target.kind}:${target.id}`}>
                    {target.label ?? `${target.kind} ${target.id.slice(0, 8)}`}
                    {target.ownerOrgId
                      ? ` — ${organisations?.find((o) => o.id === target.ownerOrgId)?.name ?? target.ownerOrgId}`
                      : ''}
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => setPrefill(null)}>
                {t('close')}
              </button>
            </div>
          ) : null}
          {openId ? (
            <RequestDetail
              key={openId}
              requestId={openId}
              placeholder={byId.get(openId)}
              user={user}
              onBack={() => setOpenId(null)}
              onLoaded={showBoxOf}
            />
          ) : tab === 'new' ? (
            <RequestForm
              key={formKey}
              prefill={prefill}
              onChangeTargets={(targets) => setPrefill((p) => ({ ...(p ?? {}), targets }))}
              onOpenRequest={openRequest}
            />
          ) : tab === 'oversight' ? (
            <OversightTab map={map} active organisations={organisations} onOpen={setOpenId} />
          ) : list.error ? (
            <p className="field-problem">{t('failed', { message: list.error.message })}</p>
          ) : list.isPending ? (
            <p className="colocation-hint">{t('loading')}</p>
          ) : (
            <RequestList
              requests={list.data ?? []}
              side={boxOf(tab)}
              onOpen={openRequest}
              testId={`colocation-list-${tab}`}
            />
          )}
        </>
      )}
    </aside>
  );
}
