import type { MultiPolygon } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

/**
 * Coverage gaps (vùng lõm sóng) of the last coverage analysis: connected groups of uncovered
 * population cells as MultiPolygons, filled by the people in them (a choropleth of gaps), the
 * selected one outlined. Not an asset group: the Analysis panel (features/analysis) feeds it.
 */
export const GAP_SOURCE = 'coverage-gaps';
export const GAP_FILL_LAYER = 'coverage-gaps-fill';
const GAP_LINE_LAYER = 'coverage-gaps-line';
const GAP_SELECTED_LAYER = 'coverage-gaps-selected';
const LAYERS = [GAP_FILL_LAYER, GAP_LINE_LAYER, GAP_SELECTED_LAYER];

/** Classes of the fill (people in the gap, lower bound inclusive), light to dark. */
export const GAP_CLASSES: ReadonlyArray<{ from: number; color: string }> = [
  { from: 0, color: '#fed976' },
  { from: 1_000, color: '#feb24c' },
  { from: 5_000, color: '#fd8d3c' },
  { from: 10_000, color: '#f03b20' },
  { from: 25_000, color: '#bd0026' },
];

const fillColor = [
  'step',
  ['get', 'populationCount'],
  GAP_CLASSES[0]?.color ?? '#fed976',
  ...GAP_CLASSES.slice(1).flatMap((c) => [c.from, c.color]),
] as ExpressionSpecification;

/** The layer below which gaps go: the first one above the commune boundaries (assets stay on top). */
function beforeAdminOverlays(map: MapLibreMap): string | undefined {
  const layers = map.getStyle().layers;
  const at = layers.findIndex((l) => l.id === 'admin-units-line');
  return at >= 0 ? layers[at + 1]?.id : undefined;
}

/** Adds the source and layers (once per map), empty. */
export function addGapLayers(map: MapLibreMap): void {
  if (map.getSource(GAP_SOURCE)) return;
  map.addSource(GAP_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const before = beforeAdminOverlays(map);
  map.addLayer(
    {
      id: GAP_FILL_LAYER,
      type: 'fill',
      source: GAP_SOURCE,
      paint: {
        'fill-color': fillColor,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.75, 15, 0.45],
      },
    },
    before,
  );
  map.addLayer(
    {
      id: GAP_LINE_LAYER,
      type: 'line',
      source: GAP_SOURCE,
      paint: {
        'line-color': '#9a3412',
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.3, 14, 1],
        'line-opacity': 0.7,
      },
    },
    before,
  );
  map.addLayer(
    {
      id: GAP_SELECTED_LAYER,
      type: 'line',
      source: GAP_SOURCE,
      filter: ['==', ['get', 'rank'], -1],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#1d4ed8', 'line-width': 3 },
    },
    before,
  );
}

/** One gap as the engine sends it (only what the style and the click need is drawn). */
export interface GapInput {
  id: number;
  geometry: MultiPolygon;
  properties: { rank: number; populationCount: number; unitCode: string };
}

export function setGapData(map: MapLibreMap, gaps: readonly GapInput[]): void {
  map.getSource<GeoJSONSource>(GAP_SOURCE)?.setData({
    type: 'FeatureCollection',
    features: gaps.map((g) => ({
      type: 'Feature',
      id: g.id,
      geometry: g.geometry,
      properties: {
        rank: g.properties.rank,
        populationCount: g.properties.populationCount,
        unitCode: g.properties.unitCode,
      },
    })),
  });
}

export function setGapVisibility(map: MapLibreMap, visible: boolean): void {
  for (const id of LAYERS) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

/** Outlines the gap of `rank` (or none). */
export function setSelectedGap(map: MapLibreMap, rank: number | null): void {
  if (map.getLayer(GAP_SELECTED_LAYER))
    map.setFilter(GAP_SELECTED_LAYER, ['==', ['get', 'rank'], rank ?? -1]);
}

/**
 * Calls `onGap(rank)` when a click hits a gap and no asset (`assetLayers`, drawn above it);
 * shows a pointer over gaps. Returns the unsubscribe.
 */
export function onGapClick(
  map: MapLibreMap,
  assetLayers: readonly string[],
  onGap: (rank: number) => void,
): () => void {
  const click = (e: MapMouseEvent & { features?: Array<{ properties: Record<string, unknown> }> }) => {
    const visibleAssets = assetLayers.filter(
      (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    const box: [[number, number], [number, number]] = [
      [e.point.x - 4, e.point.y - 4],
      [e.point.x + 4, e.point.y + 4],
    ];
    if (visibleAssets.length > 0 && map.queryRenderedFeatures(box, { layers: visibleAssets }).length > 0)
      return;
    const rank = e.features?.[0]?.properties.rank;
    if (typeof rank === 'number') onGap(rank);
  };
  const enter = () => {
    map.getCanvas().style.cursor = 'pointer';
  };
  const leave = () => {
    map.getCanvas().style.cursor = '';
  };
  map.on('click', GAP_FILL_LAYER, click);
  map.on('mouseenter', GAP_FILL_LAYER, enter);
  map.on('mouseleave', GAP_FILL_LAYER, leave);
  return () => {
    map.off('click', GAP_FILL_LAYER, click);
    map.off('mouseenter', GAP_FILL_LAYER, enter);
    map.off('mouseleave', GAP_FILL_LAYER, leave);
  };
}
