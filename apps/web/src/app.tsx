import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type BannerError, ErrorBanner } from './components/error-banner';
import { StatusBar } from './components/status-bar';
import { AdminPage } from './features/admin/admin-page';
import { analysisText } from './features/analysis/analysis-i18n';
import { AnalysisPanel } from './features/analysis/analysis-panel';
import { AssetPanel } from './features/assets/asset-panel';
import { canCreate, isAdmin, ownerChoices } from './features/auth/permissions';
import { useSession } from './features/auth/use-session';
import { UserMenu } from './features/auth/user-menu';
import { ColocationPanel, canUseColocation } from './features/colocation/colocation-panel';
import { NotificationBell } from './features/colocation/notification-bell';
import { ConflictDialog } from './features/editing/conflict-dialog';
import { EditPanel, type EditSession } from './features/editing/edit-panel';
import { EditToolbar } from './features/editing/edit-toolbar';
import { editableResource } from './features/editing/editable-resources';
import { useEdits } from './features/editing/use-edits';
import { canUseFtth, FtthPanel } from './features/ftth/ftth-panel';
import { ImportPanel } from './features/imports/import-panel';
import { Legend } from './features/layers/legend';
import { canUsePermits, PermitsPanel } from './features/permits/permits-panel';
import { PlanPanel } from './features/plans/plan-panel';
import { SharingPanel } from './features/sharing/sharing-panel';
import { SitesOverlay } from './features/sites/sites-overlay';
import { canUseTasks, TasksPanel } from './features/tasks/tasks-panel';
import { canUseViolations, ViolationsPanel } from './features/violations/violations-panel';
import { fetchAsset } from './lib/assets-api';
import { translate, useI18n } from './lib/i18n';
import { useAdminUnits, useOrganisations } from './lib/queries';
import type { AssetFeature, AssetResource, Organisation } from './lib/types';
import { DrawController, type DrawnGeometry } from './map/draw-controller';
import { LAYER_GROUPS } from './map/layer-groups';
import { ownerColors } from './map/owner-colors';
import { manholeAt, poleAt } from './map/snapping';
import { useAdminUnitsLayer } from './map/use-admin-units-layer';
import { useAssetLayers, type Visibility } from './map/use-asset-layers';
import { useMap } from './map/use-map';
import { type Selection, useMapInteractions } from './map/use-map-interactions';
import { usePointerPosition } from './map/use-pointer-position';

const INITIAL_VISIBILITY = Object.fromEntries(
  LAYER_GROUPS.map((g) => [g.id, g.visibleByDefault]),
) as Visibility;
const ASSETS_ATTRIBUTION = `${translate('vi', 'attributionAssets')} / ${translate('en', 'attributionAssets')}`;

const isDrawable = (geometry: AssetFeature['geometry']): geometry is DrawnGeometry =>
  geometry.type === 'Point' || geometry.type === 'LineString';

type SidePanel =
  | 'analysis'
  | 'plan'
  | 'import'
  | 'sharing'
  | 'permits'
  | 'violations'
  | 'colocation'
  | 'tasks'
  | 'ftth';

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
  const { t, lang, setLang } = useI18n();
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
  // The Analysis panel (a third column); while it is open a click on the bare map (a gap) does not
  // open the commune's panel.
  // One side panel (a third column) at a time.
  const [sidePanel, setSidePanel] = useState<SidePanel | null>(null);
  const analysisOpen = sidePanel === 'analysis';
  const togglePanel = useCallback(
    (panel: SidePanel) => setSidePanel((p) => (p === panel ? null : panel)),
    [],
  );
  const closePanel = useCallback(() => setSidePanel(null), []);
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
      const group = LAYER_GROUPS.find((g) => g.id === resource);
      if (!group) return;
      let feature: AssetFeature;
      try {
        feature = await queryClient.fetchQuery({
          queryKey: ['asset', resource, id],
          queryFn: ({ signal }) => fetchAsset(resource, id, signal),
        });
      } catch {
        // Gone or out of reach since the panel was drawn: the selection stays as it is.
        return;
      }
      setSelection({ kind: 'asset', group, feature });
      const [lng, lat] = feature.geometry.type === 'Point' ? feature.geometry.coordinates : [];
      if (map && lng !== undefined && lat !== undefined && !map.getBounds().contains([lng, lat]))
        map.easeTo({ center: [lng, lat] });
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
  const shownErrors = errors.filter((e) => !dismissed.has(e.key));

  const retry = useCallback(() => {
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
  }, [queryClient]);
  const toggle = useCallback((id: AssetResource) => setVisibility((v) => ({ ...v, [id]: !v[id] })), []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>{t('appTitle')}</h1>
          <p>{t('appSubtitle')}</p>
        </div>
        <div className="header-actions">
          <button
            type="button"
            className="header-button"
            data-testid="analysis-button"
            aria-pressed={analysisOpen}
            title={analysisText(lang, 'openAnalysis')}
            onClick={() => togglePanel('analysis')}
          >
            {analysisText(lang, 'analysis')}
          </button>
          {user ? (
            <button
              type="button"
              className="header-button"
              data-testid="plan-button"
              aria-pressed={sidePanel === 'plan'}
              title={t('planButtonTitle')}
              onClick={() => togglePanel('plan')}
            >
              {t('planButton')}
            </button>
          ) : null}
          {user ? (
            <button
              type="button"
              className="header-button"
              data-testid="sharing-button"
              aria-pressed={sidePanel === 'sharing'}
              title={t('sharingButtonTitle')}
              onClick={() => togglePanel('sharing')}
            >
              {t('sharingButton')}
            </button>
          ) : null}
          {canUsePermits(user) ? (
            <button
              type="button"
              className="header-button"
              data-testid="permits-button"
              aria-pressed={sidePanel === 'permits'}
              title={t('permitsButtonTitle')}
              onClick={() => togglePanel('permits')}
            >
              {t('permitsButton')}
            </button>
          ) : null}
          {canUseViolations(user) ? (
            <button
              type="button"
              className="header-button"
              data-testid="violations-button"
              aria-pressed={sidePanel === 'violations'}
              title={t('violationsButtonTitle')}
              onClick={() => togglePanel('violations')}
            >
              {t('violationsButton')}
            </button>
          ) : null}
          {canUseTasks(user) ? (
            <button
              type="button"
              className="header-button"
              data-testid="tasks-button"
              aria-pressed={sidePanel === 'tasks'}
              title={t('tasksButtonTitle')}
              onClick={() => togglePanel('tasks')}
            >
              {t('tasksButton')}
            </button>
          ) : null}
          {canUseFtth(user) ? (
            <button
              type="button"
              className="header-button"
              data-testid="ftth-button"
              aria-pressed={sidePanel === 'ftth'}
              title={t('ftthButtonTitle')}
              onClick={() => togglePanel('ftth')}
            >
              {t('ftthButton')}
            </button>
          ) : null}
          {canUseColocation(user) ? (
            <button
              type="button"
              className="header-button"
              data-testid="colocation-button"
              aria-pressed={sidePanel === 'colocation'}
              title={t('colocationButtonTitle')}
              onClick={() => togglePanel('colocation')}
            >
              {t('colocationButton')}
            </button>
          ) : null}
          {canCreate(user) ? (
            <button
              type="button"
              className="header-button"
              data-testid="import-button"
              aria-pressed={sidePanel === 'import'}
              title={t('importButtonTitle')}
              onClick={() => togglePanel('import')}
            >
              {t('importButton')}
            </button>
          ) : null}
          <NotificationBell user={user} onOpen={() => setSidePanel('colocation')} />
          <a
            className="header-button"
            href="/cong-khai"
            title={t('publicPageTitle')}
            data-testid="public-page-link"
          >
            {t('publicPage')}
          </a>
          <UserMenu />
          <button
            type="button"
            className="lang-switch"
            data-testid="language-switch"
            aria-label={t('language')}
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
          >
            {t('switchLanguage')}
          </button>
        </div>
      </header>
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
        className={sidePanel ? 'app-main with-analysis' : 'app-main'}
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
          {user ? (
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
        <AnalysisPanel
          key={user?.id ?? 'signed-out'}
          map={map}
          user={user}
          organisations={organisations.data}
          adminUnits={adminUnits.data}
          open={analysisOpen}
          onClose={closePanel}
        />
        <PlanPanel
          key={`plan:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          organisations={organisations.data}
          adminUnits={adminUnits.data}
          open={sidePanel === 'plan' && user !== null}
          onClose={closePanel}
          onDrawingChange={setPlanDrawing}
        />
        <SharingPanel
          key={`sharing:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          organisations={organisations.data}
          open={sidePanel === 'sharing' && user !== null}
          onClose={closePanel}
        />
        <PermitsPanel
          key={`permits:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          organisations={organisations.data}
          adminUnits={adminUnits.data}
          open={sidePanel === 'permits' && canUsePermits(user)}
          onClose={closePanel}
        />
        <ViolationsPanel
          key={`violations:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          organisations={organisations.data}
          adminUnits={adminUnits.data}
          open={sidePanel === 'violations' && canUseViolations(user)}
          onClose={closePanel}
        />
        <TasksPanel
          key={`tasks:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          organisations={organisations.data}
          open={sidePanel === 'tasks' && canUseTasks(user)}
          onClose={closePanel}
        />
        <FtthPanel
          key={`ftth:${user?.id ?? 'signed-out'}`}
          user={user}
          open={sidePanel === 'ftth' && canUseFtth(user)}
          onClose={closePanel}
        />
        <ColocationPanel
          key={`colocation:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          organisations={organisations.data}
          adminUnits={adminUnits.data}
          open={sidePanel === 'colocation' && canUseColocation(user)}
          onClose={closePanel}
        />
        <ImportPanel
          key={`import:${user?.id ?? 'signed-out'}`}
          map={map}
          user={user}
          open={sidePanel === 'import' && canCreate(user)}
          onClose={closePanel}
        />
      </main>
      <StatusBar position={pointer} busy={fetching} />
    </div>
  );
}
