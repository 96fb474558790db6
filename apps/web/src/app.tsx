import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type BannerError, ErrorBanner } from './components/error-banner';
import { StatusBar } from './components/status-bar';
import { AdminPage } from './features/admin/admin-page';
import { AssetPanel } from './features/assets/asset-panel';
import { canCreate, isAdmin, ownerChoices } from './features/auth/permissions';
import { useSession } from './features/auth/use-session';
import { ConflictDialog } from './features/editing/conflict-dialog';
import { EditPanel, type EditSession } from './features/editing/edit-panel';
import { EditToolbar } from './features/editing/edit-toolbar';
import { editableResource } from './features/editing/editable-resources';
import { useEdits } from './features/editing/use-edits';
import { Legend } from './features/layers/legend';
import { SearchBox } from './features/search/search-box';
import { SitesOverlay } from './features/sites/sites-overlay';
import { SyncBadge, useOnline } from './features/violations/offline-sync';
import { translate, useI18n } from './lib/i18n';
import { useAdminUnits, useOrganisations } from './lib/queries';
import type { AssetFeature, AssetResource, Organisation } from './lib/types';
import { DrawController, type DrawnGeometry } from './map/draw-controller';
import { LAYER_GROUPS } from './map/layer-groups';
import { assetAnchor, loadAssetSelection } from './map/open-asset';
import { ownerColors } from './map/owner-colors';
import { manholeAt, poleAt } from './map/snapping';
import { useAdminUnitsLayer } from './map/use-admin-units-layer';
import { useAssetLayers, type Visibility } from './map/use-asset-layers';
import { useMap } from './map/use-map';
import { type Selection, useMapInteractions } from './map/use-map-interactions';
import { usePointerPosition } from './map/use-pointer-position';
import { AppHeader } from './shell/app-header';
import { PANELS, type PanelId } from './shell/panel-registry';
import { useEscape } from './shell/use-escape';
import { useUrlState } from './shell/use-url-state';

const INITIAL_VISIBILITY = Object.fromEntries(
  LAYER_GROUPS.map((g) => [g.id, g.visibleByDefault]),
) as Visibility;
const ASSETS_ATTRIBUTION = `${translate('vi', 'attributionAssets')} / ${translate('en', 'attributionAssets')}`;

const isDrawable = (geometry: AssetFeature['geometry']): geometry is DrawnGeometry =>
  geometry.type === 'Point' || geometry.type === 'LineString';

/** `#/admin` opens the user administration page (admins only). */
function useHashRoute(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function App() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, errors: mapErrors } = useMap(containerRef, ASSETS_ATTRIBUTION);

  const organisations = useOrganisations();
  const adminUnits = useAdminUnits();
  const [visibility, setVisibility] = useState<Visibility>(INITIAL_VISIBILITY);
  const states = useAssetLayers(map, visibility, organisations.data, !organisations.isPending);
  const adminUnitsDrawn = useAdminUnitsLayer(map, adminUnits.data);
  const [selection, setSelection] = useState<Selection | null>(null);
  const session = useSession();
  const user = session.data?.user ?? null;
  const hash = useHashRoute();

  // Editing: one drawing tool per map, one edit session at a time, the session's undo stack.
  const [editSession, setEditSession] = useState<(EditSession & { key: number }) | null>(null);
  const [drawn, setDrawn] = useState<DrawnGeometry | null>(null);
  const controller = useMemo(() => (map ? new DrawController(map, setDrawn) : null), [map]);
  useEffect(() => () => controller?.stop(), [controller]);
  // One side panel (a third column; a sheet on a phone) at a time, from the panel registry.
  // Opening one closes the selected asset's panel, so two panels never share the map.
  const [sidePanel, setSidePanel] = useState<PanelId | null>(null);
  const analysisOpen = sidePanel === 'analysis';
  const openPanel = useCallback((panel: PanelId) => {
    setSidePanel(panel);
    setSelection(null);
  }, []);
  const togglePanel = useCallback(
    (panel: PanelId) => {
      if (sidePanel === panel) setSidePanel(null);
      else openPanel(panel);
    },
    [sidePanel, openPanel],
  );
  const closePanel = useCallback(() => setSidePanel(null), []);
  const [menuOpen, setMenuOpen] = useState(false);
  // Signing out closes a signed-in user's panel, so the next user starts from the map (the
  // Analysis panel stays: it invites the visitor to sign in and carries on after).
  const signedIn = user !== null;
  useEffect(() => {
    if (!signedIn) setSidePanel((p) => (p === 'analysis' ? p : null));
  }, [signedIn]);
  const selectFromMap = useCallback(
    (next: Selection | null) => setSelection(analysisOpen && next?.kind === 'admin-unit' ? null : next),
    [analysisOpen],
  );
  // While the plan panel draws, map clicks belong to its drawing tool, not to the selection.
  const [planDrawing, setPlanDrawing] = useState(false);
  useMapInteractions(map, selection, selectFromMap, editSession === null && !planDrawing);
  useEscape([
    menuOpen ? () => setMenuOpen(false) : null,
    sidePanel ? closePanel : null,
    selection && !editSession ? () => setSelection(null) : null,
  ]);
  useUrlState({
    map,
    user,
    sessionKnown: !session.isPending,
    sidePanel,
    selection,
    openPanel,
    select: setSelection,
  });
  const edits = useEdits(
    useCallback((resource: AssetResource, feature: AssetFeature | null) => {
      const group = LAYER_GROUPS.find((g) => g.id === resource);
      setSelection(feature && group ? { kind: 'asset', group, feature } : null);
    }, []),
    user?.id ?? null,
  );
  const closeEditor = useCallback(() => {
    controller?.stop();
    setEditSession(null);
    setDrawn(null);
  }, [controller]);
  const startAdd = useCallback(
    (id: AssetResource) => {
      const resource = editableResource(id);
      if (!controller || !resource) return;
      setSelection(null);
      setDrawn(null);
      controller.startDrawing(resource.kind);
      setEditSession({ resource, feature: null, key: Date.now() });
    },
    [controller],
  );
  const startEdit = useCallback(
    (id: AssetResource, feature: AssetFeature) => {
      const resource = editableResource(id);
      if (!controller || !resource || !isDrawable(feature.geometry)) return;
      controller.edit(feature.geometry);
      setDrawn(feature.geometry);
      setEditSession({ resource, feature, key: Date.now() });
    },
    [controller],
  );
  const moveTo = useCallback(
    (lngLat: [number, number]) => {
      const point: DrawnGeometry = { type: 'Point', coordinates: lngLat };
      controller?.setGeometry(point);
      setDrawn(point);
      map?.easeTo({ center: lngLat, zoom: Math.max(map.getZoom(), 16) });
    },
    [controller, map],
  );
  // A panel's link to another asset (a device's pole): select it, and bring it into view.
  const selectAsset = useCallback(
    async (resource: AssetResource, id: string) => {
      // Gone or out of reach since the panel was drawn: the selection stays as it is.
      const next = await loadAssetSelection(queryClient, resource, id).catch(() => null);
      if (next?.kind !== 'asset') return;
      setSelection(next);
      const at = assetAnchor(next.feature);
      if (map && at && !map.getBounds().contains(at)) map.easeTo({ center: at });
    },
    [map, queryClient],
  );
  const poleAtPoint = useCallback(
    (point: [number, number]) => (map ? poleAt(map, point) : Promise.resolve(null)),
    [map],
  );
  const manholesAtEnds = useCallback(
    (line: DrawnGeometry): [string | null, string | null] => {
      if (!map || line.type !== 'LineString') return [null, null];
      const first = line.coordinates[0];
      const last = line.coordinates.at(-1);
      const at = (p: number[] | undefined) =>
        p && p.length >= 2 ? manholeAt(map, [p[0] ?? 0, p[1] ?? 0]) : null;
      return [at(first), at(last)];
    },
    [map],
  );
  // Signed out (or lost the right) mid-edit: drop the drawing.
  useEffect(() => {
    if (!canCreate(user) && editSession) closeEditor();
  }, [user, editSession, closeEditor]);
  const owners = useMemo(() => ownerChoices(user, organisations.data ?? []), [user, organisations.data]);
  const operators = useMemo(
    () => (organisations.data ?? []).filter((o) => o.kind === 'operator' || o.kind === 'tower_company'),
    [organisations.data],
  );
  const pointer = usePointerPosition(map);
  const fetching = useIsFetching() > 0;

  const orgById = useMemo(
    () => new Map<string, Organisation>((organisations.data ?? []).map((o) => [o.id, o])),
    [organisations.data],
  );
  const legendOwners = useMemo(() => {
    const colors = ownerColors(organisations.data ?? []);
    return (organisations.data ?? [])
      .filter((o) => o.kind === 'operator' || o.kind === 'tower_company')
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((org) => ({ org, color: colors.get(org.id) ?? '#64748b' }));
  }, [organisations.data]);

  // Tests wait for this: the style, the communes and the towers are drawn and the map is idle.
  const [ready, setReady] = useState(false);
  const towersDrawn = states.towers.drawn;
  useEffect(() => {
    if (!map || !towersDrawn || !adminUnitsDrawn) return;
    const done = () => {
      document.body.dataset.mapReady = 'true';
      setReady(true);
    };
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      map.off('idle', done);
    };
  }, [map, towersDrawn, adminUnitsDrawn]);

  const [dismissed, setDismissed] = useState<ReadonlySet<unknown>>(new Set());
  const errors: Array<BannerError & { key: unknown }> = [];
  if (organisations.error)
    errors.push({ key: organisations.error, source: t('owners'), message: organisations.error.message });
  if (adminUnits.error)
    errors.push({ key: adminUnits.error, source: t('adminUnits'), message: adminUnits.error.message });
  for (const group of LAYER_GROUPS) {
    const error = states[group.id].error;
    if (error) errors.push({ key: error, source: t(group.labelKey), message: error.message });
  }
  for (const error of mapErrors) errors.push({ key: error, source: 'MapLibre', message: error.message });
  // Offline, nothing can load: the offline strip says so once instead of one error per layer, and
  // the failures of that time are not shown after it (the layers load again when back online).
  const online = useOnline();
  const offlineFailures = useRef(new Set<unknown>());
  if (!online) for (const e of errors) offlineFailures.current.add(e.key);
  const shownErrors = online
    ? errors.filter((e) => !dismissed.has(e.key) && !offlineFailures.current.has(e.key))
    : [];

  const retry = useCallback(() => {
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
  }, [queryClient]);
  useEffect(() => {
    if (online) retry();
  }, [online, retry]);
  const toggle = useCallback((id: AssetResource) => setVisibility((v) => ({ ...v, [id]: !v[id] })), []);

  return (
    <div className="app">
      <AppHeader
        user={user}
        sidePanel={sidePanel}
        onToggle={togglePanel}
        onOpen={openPanel}
        menuOpen={menuOpen}
        onMenuOpen={setMenuOpen}
      >
        <SearchBox map={map} onSelect={selectFromMap} />
      </AppHeader>
      <SyncBadge user={user} onOpen={() => openPanel('violations')} />
      <ErrorBanner
        errors={shownErrors}
        onRetry={() => {
          setDismissed(new Set());
          retry();
        }}
        onDismiss={() => setDismissed(new Set([...dismissed, ...shownErrors.map((e) => e.key)]))}
      />
      {hash === '#/admin' && isAdmin(user) ? (
        <main className="admin-main">
          <AdminPage
            onClose={() => {
              window.location.hash = '';
            }}
          />
        </main>
      ) : null}
      <main
        className={sidePanel ? 'app-main with-side-panel' : 'app-main'}
        hidden={hash === '#/admin' && isAdmin(user)}
      >
        <Legend visibility={visibility} states={states} onToggle={toggle} owners={legendOwners} />
        <div className="map-wrap">
          <div ref={containerRef} className="map" data-testid="map" />
          {ready ? null : (
            <div className="map-loading" role="status">
              <span className="spinner" aria-hidden="true" /> {t('loadingMap')}
            </div>
          )}
          {/* Map undo/redo and adding are for editors, and give way to the plan's own while it is open. */}
          {canCreate(user) && sidePanel !== 'plan' ? (
            <EditToolbar
              canAdd={canCreate(user)}
              active={editSession && !editSession.feature ? editSession.resource.id : null}
              edits={edits}
              onAdd={startAdd}
            />
          ) : null}
          {editSession && user ? (
            <EditPanel
              key={editSession.key}
              session={editSession}
              geometry={drawn}
              user={user}
              owners={owners}
              operators={operators}
              edits={edits}
              onMove={moveTo}
              onClose={closeEditor}
              manholesAtEnds={manholesAtEnds}
              poleAt={poleAtPoint}
            />
          ) : selection ? (
            <AssetPanel
              // A new feature or another user starts on the attributes tab.
              key={`${selection.kind === 'asset' ? selection.feature.id : selection.properties.code}:${user?.id ?? ''}`}
              selection={selection}
              organisations={orgById}
              onClose={() => setSelection(null)}
              user={user}
              edits={edits}
              onEdit={startEdit}
              onSelectAsset={selectAsset}
            />
          ) : null}
          <SitesOverlay map={map} user={user} organisations={organisations.data} />
          {edits.conflict ? <ConflictDialog conflict={edits.conflict} organisations={orgById} /> : null}
        </div>
        {PANELS.map((panel) => (
          <Fragment key={`${panel.id}:${user?.id ?? 'signed-out'}`}>
            {panel.render({
              map,
              user,
              organisations: organisations.data,
              adminUnits: adminUnits.data,
              open: sidePanel === panel.id && panel.canUse(user),
              onClose: closePanel,
              onDrawingChange: setPlanDrawing,
            })}
          </Fragment>
        ))}
      </main>
      <StatusBar position={pointer} busy={fetching} />
    </div>
  );
}
