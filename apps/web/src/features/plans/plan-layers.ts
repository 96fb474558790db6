import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { CHANGE_COLORS, colorMatch, ITEM_COLORS, metresWidth, ZONE_COLORS } from './plan-style';
import type { CompareResult, PlanItem, PlanZone } from './plans-api';

/**
 * The plan panel's map layers: zones, the shown version's items (by kind; submarine corridors with
 * their protection width at ground scale; items with warnings ringed red), the geometry that
 * proves each warning, and a comparison (added green, removed red, changed orange). Added when the
 * panel opens, removed when it closes.
 */
const SOURCES = { items: 'plan-items', checks: 'plan-checks', compare: 'plan-compare', zones: 'plan-zones' };

export const ITEM_LAYERS = {
  fill: 'plan-items-fill',
  outline: 'plan-items-outline',
  line: 'plan-items-line',
  removeLine: 'plan-items-remove',
  circle: 'plan-items-circle',
} as const;
/** Layers a click selects an item in, and new vertices snap to. */
export const ITEM_INTERACTIVE_LAYERS: readonly string[] = Object.values(ITEM_LAYERS);
export const COMPARE_LAYERS = ['plan-compare-fill', 'plan-compare-line', 'plan-compare-circle'] as const;
const ZONE_LAYERS = ['plan-zones-fill', 'plan-zones-line'];
const LAYERS = [
  ...ZONE_LAYERS,
  'plan-items-corridor',
  ITEM_LAYERS.fill,
  'plan-items-warning-line',
  ITEM_LAYERS.outline,
  'plan-items-casing',
  ITEM_LAYERS.line,
  ITEM_LAYERS.removeLine,
  'plan-items-warning-circle',
  ITEM_LAYERS.circle,
  'plan-items-selected-line',
  'plan-items-selected-circle',
  'plan-checks-fill',
  'plan-checks-line',
  'plan-checks-circle',
  ...COMPARE_LAYERS,
];

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });
const isPolygon: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const NOTHING = '';

export function addPlanLayers(map: MapLibreMap): void {
  if (map.getSource(SOURCES.items)) return;
  for (const id of Object.values(SOURCES)) {
    map.addSource(id, { type: 'geojson', data: empty(), promoteId: 'id' });
  }
  const zoneColor = colorMatch('kind', ZONE_COLORS);
  const itemColor = colorMatch('kind', ITEM_COLORS);
  const changeColor = colorMatch('change', CHANGE_COLORS);
  map.addLayer({
    id: 'plan-zones-fill',
    type: 'fill',
    source: SOURCES.zones,
    paint: { 'fill-color': zoneColor, 'fill-opacity': 0.15 },
  });
  map.addLayer({
    id: 'plan-zones-line',
    type: 'line',
    source: SOURCES.zones,
    paint: { 'line-color': zoneColor, 'line-width': 1.5, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'plan-items-corridor',
    type: 'line',
    source: SOURCES.items,
    filter: ['==', ['get', 'kind'], 'submarine_corridor'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ITEM_COLORS.submarine_corridor,
      'line-opacity': 0.18,
      'line-width': metresWidth('protectionWidthM'),
    },
  });
  map.addLayer({
    id: ITEM_LAYERS.fill,
    type: 'fill',
    source: SOURCES.items,
    filter: isPolygon,
    paint: { 'fill-color': itemColor, 'fill-opacity': 0.3 },
  });
  map.addLayer({
    id: 'plan-items-warning-line',
    type: 'line',
    source: SOURCES.items,
    filter: ['all', ['!', isPoint], ['get', 'hasWarnings']],
    paint: { 'line-color': '#dc2626', 'line-width': 8, 'line-opacity': 0.45 },
  });
  map.addLayer({
    id: ITEM_LAYERS.outline,
    type: 'line',
    source: SOURCES.items,
    filter: isPolygon,
    paint: { 'line-color': itemColor, 'line-width': 2 },
  });
  // A white casing sets planned lines apart from the register's lines drawn below.
  map.addLayer({
    id: 'plan-items-casing',
    type: 'line',
    source: SOURCES.items,
    filter: isLine,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7] },
  });
  map.addLayer({
    id: ITEM_LAYERS.line,
    type: 'line',
    source: SOURCES.items,
    filter: ['all', isLine, ['!=', ['get', 'kind'], 'pole_line_remove']],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': itemColor,
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 16, 4],
    },
  });
  map.addLayer({
    id: ITEM_LAYERS.removeLine,
    type: 'line',
    source: SOURCES.items,
    filter: ['all', isLine, ['==', ['get', 'kind'], 'pole_line_remove']],
    paint: { 'line-color': itemColor, 'line-width': 3, 'line-dasharray': [1, 1.5] },
  });
  map.addLayer({
    id: 'plan-items-warning-circle',
    type: 'circle',
    source: SOURCES.items,
    filter: ['all', isPoint, ['get', 'hasWarnings']],
    paint: { 'circle-radius': 11, 'circle-color': '#dc2626', 'circle-opacity': 0.45 },
  });
  map.addLayer({
    id: ITEM_LAYERS.circle,
    type: 'circle',
    source: SOURCES.items,
    filter: isPoint,
    // Thousands of sites at city zoom: small dots without a casing there (a density to read), full
    // markers from street zoom where each one can be told apart.
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 11, 2.2, 13, 4, 16, 7],
      'circle-color': itemColor,
      'circle-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.7, 12, 1],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 0, 12, 1.5],
    },
  });
  map.addLayer({
    id: 'plan-items-selected-line',
    type: 'line',
    source: SOURCES.items,
    filter: ['==', ['get', 'id'], NOTHING],
    paint: { 'line-color': '#facc15', 'line-width': 5, 'line-opacity': 0.9 },
  });
  map.addLayer({
    id: 'plan-items-selected-circle',
    type: 'circle',
    source: SOURCES.items,
    filter: ['all', isPoint, ['==', ['get', 'id'], NOTHING]],
    paint: {
      'circle-radius': 10,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': '#facc15',
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: 'plan-checks-fill',
    type: 'fill',
    source: SOURCES.checks,
    filter: isPolygon,
    paint: { 'fill-color': '#dc2626', 'fill-opacity': 0.35 },
  });
  map.addLayer({
    id: 'plan-checks-line',
    type: 'line',
    source: SOURCES.checks,
    paint: { 'line-color': '#991b1b', 'line-width': 3, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'plan-checks-circle',
    type: 'circle',
    source: SOURCES.checks,
    filter: isPoint,
    paint: { 'circle-radius': 6, 'circle-color': '#991b1b' },
  });
  map.addLayer({
    id: 'plan-compare-fill',
    type: 'fill',
    source: SOURCES.compare,
    filter: isPolygon,
    paint: { 'fill-color': changeColor, 'fill-opacity': 0.35 },
  });
  map.addLayer({
    id: 'plan-compare-line',
    type: 'line',
    source: SOURCES.compare,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': changeColor, 'line-width': 5 },
  });
  map.addLayer({
    id: 'plan-compare-circle',
    type: 'circle',
    source: SOURCES.compare,
    filter: isPoint,
    paint: {
      'circle-radius': 8,
      'circle-color': changeColor,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  });
}

export function removePlanLayers(map: MapLibreMap): void {
  if (!map.style) return;
  for (const id of [...LAYERS].reverse()) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of Object.values(SOURCES)) if (map.getSource(id)) map.removeSource(id);
}

function setData(map: MapLibreMap, source: string, features: Feature[]): void {
  (map.getSource(source) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
}

/** The items as drawn: flat properties (kind, name, warnings, protection width) and `id`. */
export function itemMapFeatures(items: readonly PlanItem[], hiddenId: string | null): Feature[] {
  return items
    .filter((i) => i.id !== hiddenId)
    .map((i) => ({
      type: 'Feature',
      geometry: i.geometry,
      properties: {
        id: i.id,
        kind: i.properties.kind,
        name: i.properties.name ?? '',
        hasWarnings: i.properties.checkResults.length > 0,
        protectionWidthM:
          typeof i.properties.attributes.protectionWidthM === 'number'
            ? i.properties.attributes.protectionWidthM
            : 0,
      },
    }));
}

/** The geometries that prove the items' warnings (e.g. where a corridor crosses an anchorage). */
export function checkMapFeatures(items: readonly PlanItem[]): Feature[] {
  return items.flatMap((i) =>
    i.properties.checkResults
      .filter((r) => r.geometry)
      .map((r, n) => ({
        type: 'Feature' as const,
        geometry: r.geometry as Geometry,
        properties: { id: `${i.id}:${n}`, itemId: i.id, check: r.check, severity: r.severity },
      })),
  );
}

export function setPlanItems(map: MapLibreMap, items: readonly PlanItem[], hiddenId: string | null): void {
  setData(map, SOURCES.items, itemMapFeatures(items, hiddenId));
  setData(map, SOURCES.checks, checkMapFeatures(items));
}

export function setPlanZones(map: MapLibreMap, zones: readonly PlanZone[]): void {
  setData(
    map,
    SOURCES.zones,
    zones.map((z) => ({
      type: 'Feature',
      geometry: z.geometry,
      properties: { id: z.id, kind: z.properties.kind, name: z.properties.name },
    })),
  );
}

export function setPlanCompare(map: MapLibreMap, result: CompareResult | null): void {
  setData(
    map,
    SOURCES.compare,
    (result?.features.features ?? []).map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        id: `${f.properties.change}:${f.id}`,
        itemId: f.properties.itemId,
        change: f.properties.change,
        kind: f.properties.kind,
      },
    })),
  );
}

export function setSelectedItem(map: MapLibreMap, id: string | null): void {
  const match: ExpressionSpecification = ['==', ['get', 'id'], id ?? NOTHING];
  if (map.getLayer('plan-items-selected-line'))
    map.setFilter('plan-items-selected-line', ['all', ['!', isPoint], match]);
  if (map.getLayer('plan-items-selected-circle'))
    map.setFilter('plan-items-selected-circle', ['all', isPoint, match]);
}

/** Calls `onItem(id)` for a click on a plan item; returns the unsubscribe function. */
export function onItemClick(map: MapLibreMap, onItem: (id: string) => void): () => void {
  const handler = (event: MapMouseEvent) => {
    const layers = ITEM_INTERACTIVE_LAYERS.filter((l) => map.getLayer(l));
    if (layers.length === 0) return;
    const [hit] = map.queryRenderedFeatures(event.point, { layers });
    const id = hit?.properties.id;
    if (typeof id === 'string') onItem(id);
  };
  map.on('click', handler);
  return () => map.off('click', handler);
}
