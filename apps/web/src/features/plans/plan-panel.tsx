import { isEditableVersionKind, type PlanItemKind, type SessionUser } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bbox } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { formatNumber } from '../../lib/format';
import type { AdminUnitCollection, Organisation } from '../../lib/types';
import { DrawController, type DrawnGeometry } from '../../map/draw-controller';
import { flatVertices, nearestLayerVertex } from '../../map/snapping';
import { DiiDashboard } from '../indicators/dii-dashboard';
import { IndicatorsView } from '../indicators/indicators-view';
import { CompareView } from './compare-view';
import { ExportsView } from './exports-view';
import { useItemEdits } from './item-edit-stack';
import { ItemForm } from './item-form';
import { ItemHistory } from './item-history';
import { ItemsView } from './items-view';
import { usePlanText } from './plan-i18n';
import {
  emptyFormValues,
  fieldErrors,
  formValuesOf,
  geometryTypeOf,
  toItemProperties,
} from './plan-item-form';
import {
  addPlanLayers,
  ITEM_INTERACTIVE_LAYERS,
  onItemClick,
  removePlanLayers,
  setPlanCompare,
  setPlanItems,
  setPlanZones,
  setSelectedItem,
} from './plan-layers';
import { PlanLegend } from './plan-legend';
import {
  createItem,
  createPlan,
  createZone,
  deleteItem,
  deleteZone,
  fetchCompare,
  fetchItems,
  fetchPlans,
  fetchZones,
  type PlanItem,
  type PlanVersion,
  type PlanZone,
  patchItem,
} from './plans-api';
import { VersionList } from './version-list';
import { type ZoneDraft, ZonesView } from './zones-view';
import './plans.css';

type Tab = 'items' | 'zones' | 'compare' | 'indicators' | 'dii' | 'exports';
const TABS: readonly Tab[] = ['items', 'zones', 'compare', 'indicators', 'dii', 'exports'];
const TAB_LABEL = {
  items: 'tabItems',
  zones: 'tabZones',
  compare: 'tabCompare',
  indicators: 'tabIndicators',
  dii: 'tabDii',
  exports: 'tabExports',
} as const;

/** What the drawing tool is for: a new item of a kind, an item's new shape, or a new zone. */
type Editing =
  | { type: 'new-item'; kind: PlanItemKind }
  | { type: 'item'; item: PlanItem; reshaping: boolean }
  | { type: 'new-zone' };

/** Planners and admins draft (the API's policy); only admins approve. */
export const canDraftPlans = (user: SessionUser | null) =>
  user?.roles.some((r) => r === 'admin' || r === 'planner') ?? false;
export const canApprovePlans = (user: SessionUser | null) => user?.roles.includes('admin') ?? false;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The version shown by default: the approved one, else the newest draft, else the newest. */
function defaultVersion(versions: readonly PlanVersion[], approvedId: string | null): string | null {
  if (approvedId) return approvedId;
  return versions.findLast((v) => v.kind === 'draft')?.id ?? versions.at(-1)?.id ?? null;
}

function bboxOf(geometry: Geometry): [[number, number], [number, number]] | null {
  // Turf's bbox of a geometry without positions is infinite; MapLibre wants none then.
  const [west, south, east, north] = bbox(geometry);
  if (!Number.isFinite(west)) return null;
  return [
    [west, south],
    [east, north],
  ];
}

/**
 * The plan panel (a third column of the app, like Analysis): plans, versions, items and zones on
 * the map, compare, approve, indicators and exports. Its map layers and drawing tool exist only
 * while it is open.
 */
export function PlanPanel({
  map,
  user,
  organisations,
  adminUnits,
  open,
  onClose,
  onDrawingChange,
}: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
  /**
   * Told whether the panel's drawing tool is in use (drawing or reshaping), so the app can leave
   * map clicks to it instead of opening the clicked asset's or commune's panel.
   */
  onDrawingChange?: (drawing: boolean) => void;
}) {
  const { t, label } = usePlanText();
  const queryClient = useQueryClient();
  const canDraft = canDraftPlans(user);
  const canApprove = canApprovePlans(user);
  const active = open && user !== null;

  const plans = useQuery({
    queryKey: ['plans'],
    queryFn: ({ signal }) => fetchPlans(signal),
    enabled: active,
  });
  const [planId, setPlanId] = useState<string | null>(null);
  const plan = plans.data?.find((p) => p.id === planId) ?? plans.data?.[0] ?? null;
  const [shownId, setShownId] = useState<string | null>(null);
  const shown =
    plan?.versions.find((v) => v.id === shownId) ??
    plan?.versions.find((v) => v.id === defaultVersion(plan.versions, plan.approvedVersionId)) ??
    null;
  const editable = canDraft && shown !== null && isEditableVersionKind(shown.kind);
  const [tab, setTab] = useState<Tab>('items');

  const items = useQuery({
    queryKey: ['plan-items', shown?.id],
    queryFn: ({ signal }) => fetchItems(shown?.id ?? '', signal),
    enabled: active && shown !== null,
  });
  const zones = useQuery({
    queryKey: ['plan-zones', shown?.id],
    queryFn: ({ signal }) => fetchZones(shown?.id ?? null, signal),
    enabled: active && shown !== null,
  });
  const [baseId, setBaseId] = useState<string | null>(null);
  const compareBase = shown && baseId && baseId !== shown.id ? baseId : null;
  const compare = useQuery({
    queryKey: ['plan-compare', shown?.id, compareBase, shown?.version],
    queryFn: ({ signal }) => fetchCompare(shown?.id ?? '', compareBase ?? '', signal),
    enabled: active && tab === 'compare' && compareBase !== null,
  });

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
    void queryClient.invalidateQueries({ queryKey: ['plan-items'] });
    void queryClient.invalidateQueries({ queryKey: ['plan-zones'] });
    void queryClient.invalidateQueries({ queryKey: ['plan-compare'] });
    void queryClient.invalidateQueries({ queryKey: ['plan-item-history'] });
    void queryClient.invalidateQueries({ queryKey: ['indicators'] });
  }, [queryClient]);
  const edits = useItemEdits(refresh);
  const clearEdits = edits.clear;
  // A new version starts a new undo history.
  useEffect(() => clearEdits(), [shown?.id, clearEdits]);

  // The drawing tool: its own terra-draw (prefixed layers), snapping to manholes, poles and the
  // vertices of the shown items.
  const [editing, setEditing] = useState<Editing | null>(null);
  const [drawn, setDrawn] = useState<DrawnGeometry | null>(null);
  const itemsById = useMemo(() => new Map((items.data ?? []).map((i) => [i.id, i])), [items.data]);
  const itemsRef = useRef(itemsById);
  itemsRef.current = itemsById;
  const controller = useMemo(
    () =>
      map
        ? new DrawController(map, setDrawn, {
            prefixId: 'plan-td',
            snapTo: (x, y) =>
              nearestLayerVertex(map, x, y, ITEM_INTERACTIVE_LAYERS, (id) => {
                const geometry = itemsRef.current.get(id)?.geometry;
                return geometry ? flatVertices(geometry) : undefined;
              }),
          })
        : null,
    [map],
  );
  const drawing =
    active &&
    (editing?.type === 'new-item' ||
      editing?.type === 'new-zone' ||
      (editing?.type === 'item' && editing.reshaping));
  const drawingChanged = useRef(onDrawingChange);
  drawingChanged.current = onDrawingChange;
  useEffect(() => drawingChanged.current?.(drawing), [drawing]);
  useEffect(() => () => drawingChanged.current?.(false), []);
  const stopDrawing = useCallback(() => {
    controller?.stop();
    setDrawn(null);
  }, [controller]);
  useEffect(() => {
    if (!active) {
      stopDrawing();
      setEditing(null);
    }
  }, [active, stopDrawing]);
  useEffect(() => () => controller?.stop(), [controller]);

  // Map layers, only while open.
  const [layersOn, setLayersOn] = useState<MapLibreMap | null>(null);
  useEffect(() => {
    if (!map || !active) return;
    addPlanLayers(map);
    setLayersOn(map);
    return () => {
      removePlanLayers(map);
      setLayersOn(null);
    };
  }, [map, active]);
  const hiddenId = editing?.type === 'item' && editing.reshaping ? editing.item.id : null;
  useEffect(() => {
    if (layersOn) setPlanItems(layersOn, items.data ?? [], hiddenId);
  }, [layersOn, items.data, hiddenId]);
  useEffect(() => {
    if (layersOn) setPlanZones(layersOn, zones.data ?? []);
  }, [layersOn, zones.data]);
  useEffect(() => {
    if (layersOn) setPlanCompare(layersOn, tab === 'compare' ? (compare.data ?? null) : null);
  }, [layersOn, compare.data, tab]);
  const selectedId = editing?.type === 'item' ? editing.item.id : null;
  useEffect(() => {
    if (layersOn) setSelectedItem(layersOn, selectedId);
  }, [layersOn, selectedId]);

  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const selectItem = useCallback(
    (item: PlanItem, zoom = true) => {
      stopDrawing();
      setErrors({});
      setGeneralError(null);
      setTab('items');
      setEditing({ type: 'item', item, reshaping: false });
      const box = zoom ? bboxOf(item.geometry) : null;
      if (box && map) map.fitBounds(box, { padding: 80, maxZoom: 17, duration: 500 });
    },
    [map, stopDrawing],
  );
  // A click on an item on the map selects it (not while drawing).
  const selectRef = useRef({ selectItem, itemsById, drawing: false });
  selectRef.current = {
    selectItem,
    itemsById,
    drawing: editing?.type === 'new-item' || editing?.type === 'new-zone',
  };
  useEffect(() => {
    if (!layersOn) return;
    return onItemClick(layersOn, (id) => {
      const { itemsById: byId, selectItem: select, drawing } = selectRef.current;
      const item = byId.get(id);
      if (item && !drawing) select(item, false);
    });
  }, [layersOn]);
  // A new list: the selected item as the server has it now.
  useEffect(() => {
    setEditing((e) => {
      if (e?.type !== 'item') return e;
      const now = itemsById.get(e.item.id);
      return now && now !== e.item ? { ...e, item: now } : e;
    });
  }, [itemsById]);

  const failed = useCallback(
    (e: unknown) => {
      if (e instanceof ApiRequestError && e.details.length) setErrors(fieldErrors(e.details));
      else setGeneralError(t('error', { message: message(e) }));
    },
    [t],
  );

  const saveItem = useMutation({
    mutationFn: async (values: ReturnType<typeof emptyFormValues>) => {
      if (!shown || !editing || editing.type === 'new-zone') throw new Error('nothing to save');
      if (editing.type === 'new-item') {
        if (!drawn) throw new Error(t('needGeometry'));
        const created = await createItem(shown.id, drawn, toItemProperties(editing.kind, values));
        edits.record({ action: 'create', id: created.id, at: created.properties.version });
        return created;
      }
      const before = editing.item;
      const { kind: _kind, ...properties } = toItemProperties(before.properties.kind, values);
      const geometry = editing.reshaping && drawn ? drawn : undefined;
      const after = await patchItem(before.id, before.properties.version, {
        properties,
        ...(geometry ? { geometry } : {}),
      });
      edits.record({
        action: 'update',
        id: after.id,
        before: before.properties.version,
        after: after.properties.version,
        at: after.properties.version,
      });
      return after;
    },
    onMutate: () => {
      setErrors({});
      setGeneralError(null);
    },
    onSuccess: (item) => {
      stopDrawing();
      setEditing({ type: 'item', item, reshaping: false });
      refresh();
    },
    onError: failed,
  });
  const removeItem = useMutation({
    mutationFn: async (item: PlanItem) => {
      await deleteItem(item.id, item.properties.version);
      edits.record({ action: 'delete', id: item.id, at: item.properties.version });
    },
    onSuccess: () => {
      stopDrawing();
      setEditing(null);
      refresh();
    },
    onError: failed,
  });
  const saveZone = useMutation({
    mutationFn: async (draft: ZoneDraft) => {
      if (!drawn) throw new Error(t('needGeometry'));
      const height = Number(draft.maxHeightM.replace(',', '.'));
      return createZone(drawn, {
        kind: draft.kind,
        name: draft.name,
        planVersionId: draft.global ? null : (shown?.id ?? null),
        rules:
          draft.kind === 'height_limited' && draft.maxHeightM.trim() !== '' ? { maxHeightM: height } : {},
      });
    },
    onMutate: () => setErrors({}),
    onSuccess: () => {
      stopDrawing();
      setEditing(null);
      refresh();
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.details.length) {
        const out: Record<string, string> = {};
        for (const issue of e.details) {
          const path = issue.path.map(String);
          out[path[0] === 'geometry' ? 'geometry' : path.slice(1).join('.')] ??= issue.message;
        }
        setErrors(out);
      } else setErrors({ other: message(e) });
    },
  });
  const removeZone = useMutation({
    mutationFn: (zone: PlanZone) => deleteZone(zone.id, zone.properties.version),
    onSuccess: refresh,
    onError: (e) => setErrors({ other: message(e) }),
  });
  const newPlan = useMutation({
    mutationFn: (name: string) => createPlan(name),
    onSuccess: (p) => {
      setPlanId(p.id);
      refresh();
    },
    onError: failed,
  });
  const [planName, setPlanName] = useState('');

  const startItem = (kind: PlanItemKind) => {
    if (!controller) return;
    setErrors({});
    setGeneralError(null);
    setDrawn(null);
    controller.startDrawing(geometryTypeOf(kind));
    setEditing({ type: 'new-item', kind });
  };
  const reshape = (item: PlanItem) => {
    if (!controller) return;
    const g = item.geometry;
    if (g.type !== 'Point' && g.type !== 'LineString' && g.type !== 'Polygon') return;
    controller.edit(g);
    setDrawn(g);
    setEditing({ type: 'item', item, reshaping: true });
  };
  const showVersion = (id: string) => {
    stopDrawing();
    setEditing(null);
    setShownId(id);
  };

  if (!active) return null;

  const versions = plan?.versions ?? [];
  const formKey =
    editing?.type === 'new-item'
      ? `new:${editing.kind}`
      : editing?.type === 'item'
        ? `${editing.item.id}:${editing.item.properties.version}`
        : '';

  return (
    <>
      {map ? (
        <PlanLegend
          container={map.getContainer().parentElement}
          comparing={tab === 'compare' && !!compare.data}
        />
      ) : null}
      <aside className="dock-panel plan-panel" data-testid="plan-panel" aria-label={t('title')}>
        <header className="dock-panel-header plan-header">
          <div>
            <p className="kicker">{t('kicker')}</p>
            <h2>{plan?.name ?? t('title')}</h2>
          </div>
          <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
            ×
          </button>
        </header>
        {plans.isPending ? <p className="plan-hint">{t('loading')}</p> : null}
        {plans.error ? (
          <p className="plan-error" role="alert">
            {t('error', { message: plans.error.message })}
          </p>
        ) : null}
        {plans.data && plans.data.length > 1 ? (
          <label className="plan-inline-label">
            {t('plan')}
            <select
              value={plan?.id ?? ''}
              onChange={(e) => setPlanId(e.target.value)}
              data-testid="plan-choice"
            >
              {plans.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {plans.data && plans.data.length === 0 ? (
          <div className="plan-empty">
            <p>{t('noPlan')}</p>
            {canDraft ? (
              <form
                className="plan-inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (planName.trim()) newPlan.mutate(planName.trim());
                }}
              >
                <input
                  aria-label={t('newPlanName')}
                  placeholder={t('newPlanName')}
                  value={planName}
                  onChange={(e) => setPlanName(e.target.value)}
                />
                <button type="submit" className="primary" disabled={newPlan.isPending}>
                  {t('createPlan')}
                </button>
              </form>
            ) : null}
          </div>
        ) : null}
        {plan ? (
          <VersionList
            plan={plan}
            shownId={shown?.id ?? null}
            canDraft={canDraft}
            canApprove={canApprove}
            onShow={showVersion}
            onChanged={(id) => {
              refresh();
              if (id) showVersion(id);
            }}
          />
        ) : null}
        {shown ? (
          <>
            {!isEditableVersionKind(shown.kind) ? (
              <p className="plan-readonly" data-testid="plan-readonly">
                {t('readOnly', { kind: label('kind', shown.kind) })}
              </p>
            ) : !canDraft ? (
              <p className="plan-hint">{t('noRightToEdit')}</p>
            ) : null}
            <div className="plan-tabs" role="tablist">
              {TABS.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  aria-selected={tab === id}
                  data-testid={`plan-tab-${id}`}
                  onClick={() => setTab(id)}
                >
                  {t(TAB_LABEL[id])}
                </button>
              ))}
            </div>
            {generalError ? (
              <p className="plan-error" role="alert" data-testid="plan-error">
                {generalError}
              </p>
            ) : null}
            {edits.error ? (
              <p className="plan-error" role="alert">
                {t('error', { message: message(edits.error) })}
              </p>
            ) : null}
            {tab === 'items' ? (
              <>
                {editing?.type === 'new-item' ? (
                  <p className="plan-hint" data-testid="draw-hint">
                    {drawn ? t('drawn') : t(`drawHint_${geometryTypeOf(editing.kind)}`)}
                  </p>
                ) : null}
                {editing && editing.type !== 'new-zone' ? (
                  <>
                    <ItemForm
                      key={formKey}
                      kind={editing.type === 'new-item' ? editing.kind : editing.item.properties.kind}
                      initial={
                        editing.type === 'new-item'
                          ? emptyFormValues(editing.kind)
                          : formValuesOf(editing.item)
                      }
                      organisations={organisations ?? []}
                      errors={errors}
                      readOnly={!editable}
                      busy={saveItem.isPending || removeItem.isPending}
                      hasGeometry={editing.type === 'item' || drawn !== null}
                      onSave={(values) => saveItem.mutate(values)}
                      onCancel={() => {
                        stopDrawing();
                        setEditing(null);
                        setErrors({});
                      }}
                      onDelete={editing.type === 'item' ? () => removeItem.mutate(editing.item) : undefined}
                    />
                    {editing.type === 'item' ? (
                      <>
                        {editable && !editing.reshaping ? (
                          <button
                            type="button"
                            data-testid="plan-item-reshape"
                            onClick={() => reshape(editing.item)}
                          >
                            {t('editGeometry')}
                          </button>
                        ) : null}
                        <ItemChecks item={editing.item} zones={zones.data ?? []} />
                        <ItemHistory itemId={editing.item.id} editable={editable} onRestored={refresh} />
                      </>
                    ) : null}
                  </>
                ) : null}
                <ItemsView
                  items={items.data ?? []}
                  editable={editable}
                  selectedId={selectedId}
                  drawingKind={editing?.type === 'new-item' ? editing.kind : null}
                  canUndo={edits.canUndo}
                  canRedo={edits.canRedo}
                  onDraw={startItem}
                  onUndo={edits.undo}
                  onRedo={edits.redo}
                  onSelect={(item) => selectItem(item)}
                />
              </>
            ) : null}
            {tab === 'zones' ? (
              <ZonesView
                zones={zones.data ?? []}
                canDraft={canDraft}
                versionEditable={editable}
                drawing={editing?.type === 'new-zone'}
                hasGeometry={drawn !== null}
                busy={saveZone.isPending || removeZone.isPending}
                errors={errors}
                onDraw={() => {
                  if (!controller) return;
                  setErrors({});
                  setDrawn(null);
                  controller.startDrawing('Polygon');
                  setEditing({ type: 'new-zone' });
                }}
                onSave={(draft) => saveZone.mutate(draft)}
                onCancel={() => {
                  stopDrawing();
                  setEditing(null);
                }}
                onDelete={(zone) => removeZone.mutate(zone)}
              />
            ) : null}
            {tab === 'compare' ? (
              <CompareView
                shown={shown}
                versions={versions}
                baseId={compareBase}
                onBase={setBaseId}
                result={compare.data}
                loading={compare.isFetching}
                error={compare.error}
                onPick={(itemId, change) => {
                  const item = itemsById.get(itemId);
                  if (item && change !== 'removed') {
                    const box = bboxOf(item.geometry);
                    if (box && map) map.fitBounds(box, { padding: 80, maxZoom: 17, duration: 500 });
                  }
                }}
              />
            ) : null}
            {tab === 'indicators' ? (
              <div data-testid="plan-indicators">
                <IndicatorsView versionId={shown.id} />
              </div>
            ) : null}
            {tab === 'dii' ? (
              <div data-testid="plan-dii">
                <DiiDashboard user={user} />
              </div>
            ) : null}
            {tab === 'exports' ? <ExportsView versionId={shown.id} adminUnits={adminUnits} /> : null}
          </>
        ) : null}
      </aside>
    </>
  );
}

/** The item's warnings from the automatic checks (their geometry is drawn on the map). */
function ItemChecks({ item, zones }: { item: PlanItem; zones: readonly PlanZone[] }) {
  const { t, lang } = usePlanText();
  const results = item.properties.checkResults;
  if (results.length === 0) return null;
  const text = (r: PlanItem['properties']['checkResults'][number]) => {
    if (r.check === 'corridor_sea_zone')
      return t('check_corridor_sea_zone', {
        zone: zones.find((z) => z.id === r.zoneId)?.properties.name ?? r.zoneId ?? '',
        area: formatNumber(lang, r.areaM2 ?? 0, 0),
      });
    if (r.check === 'landing_station_inland')
      return t('check_landing_station_inland', { distance: formatNumber(lang, r.distanceM ?? 0, 0) });
    return r.message;
  };
  return (
    <div className="plan-checks" data-testid="plan-item-checks">
      <strong>⚠ {t('warnings', { count: results.length })}</strong>
      <ul>
        {results.map((r, i) => (
          <li key={`${r.check}:${i}`} className={`check-${r.severity}`} title={r.message}>
            {text(r)}
          </li>
        ))}
      </ul>
    </div>
  );
}
