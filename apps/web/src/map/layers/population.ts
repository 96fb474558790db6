import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useSyncExternalStore } from 'react';
import { addVectorSource, withSourceLayer } from '../vector-tiles';

/**
 * Population (dân số) from the API's `population` tiles: WorldPop 100 m cells as squares from
 * zoom 14, summed into coarser square bins below. A choropleth of people per km² (density, so a bin
 * and a cell read alike at every zoom), under the commune boundaries and every asset. Not an asset
 * group: no side panel; off until switched on in the legend.
 */
export const POPULATION_SOURCE = 'population';
export const POPULATION_FILL_LAYER = 'population-fill';
/** The API has population tiles from zoom 8 to 14 (over-zoomed above). */
export const POPULATION_MIN_ZOOM = 8;
const POPULATION_MAX_ZOOM = 14;
/** Drawn under the commune outlines (so they stay readable) and under every asset. */
const BEFORE_LAYER = 'admin-units-line';

/** Classes of people per km² (lower bound inclusive), light to dark. */
export const POPULATION_CLASSES: ReadonlyArray<{ from: number; color: string }> = [
  { from: 0, color: '#edf8fb' },
  { from: 500, color: '#bfd3e6' },
  { from: 1_000, color: '#9ebcda' },
  { from: 2_000, color: '#8c96c6' },
  { from: 5_000, color: '#8c6bb1' },
  { from: 10_000, color: '#88419d' },
  { from: 20_000, color: '#6e016b' },
];

const fillColor = [
  'step',
  ['coalesce', ['get', 'populationPerKm2'], 0],
  POPULATION_CLASSES[0]?.color ?? '#edf8fb',
  ...POPULATION_CLASSES.slice(1).flatMap((c) => [c.from, c.color]),
] as ExpressionSpecification;

/** What the legend and the map share: whether the layer is on, and whether the map is zoomed out past it. */
export interface PopulationState {
  visible: boolean;
  belowMinZoom: boolean;
}

let state: PopulationState = { visible: false, belowMinZoom: false };
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

function update(next: Partial<PopulationState>): void {
  const merged = { ...state, ...next };
  if (merged.visible === state.visible && merged.belowMinZoom === state.belowMinZoom) return;
  state = merged;
  for (const listener of listeners) listener();
}

/** Switches the population layer on or off (the legend's toggle). */
export const setPopulationVisible = (visible: boolean): void => update({ visible });

/** The population layer's state (re-renders on toggle and on crossing its minimum zoom). */
export const usePopulationState = (): PopulationState => useSyncExternalStore(subscribe, () => state);

function addPopulationLayers(map: MapLibreMap): void {
  if (map.getSource(POPULATION_SOURCE)) return;
  addVectorSource(map, POPULATION_SOURCE, {
    layer: 'population',
    minzoom: POPULATION_MIN_ZOOM,
    maxzoom: POPULATION_MAX_ZOOM,
  });
  map.addLayer(
    withSourceLayer(
      {
        id: POPULATION_FILL_LAYER,
        type: 'fill',
        source: POPULATION_SOURCE,
        minzoom: POPULATION_MIN_ZOOM,
        layout: { visibility: state.visible ? 'visible' : 'none' },
        paint: {
          'fill-color': fillColor,
          'fill-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.7, 13, 0.5, 16, 0.35],
          // Neighbouring squares would otherwise show hairline seams.
          'fill-antialias': false,
        },
      },
      'population',
    ),
    map.getLayer(BEFORE_LAYER) ? BEFORE_LAYER : undefined,
  );
}

/**
 * Puts the population layer on `map` (once) and follows the legend toggle. Hidden, it asks for no
 * tiles: MapLibre only loads sources with a visible layer.
 */
export function usePopulationLayer(map: MapLibreMap | null): void {
  const { visible } = usePopulationState();
  useEffect(() => {
    if (!map) return;
    addPopulationLayers(map);
    map.setLayoutProperty(POPULATION_FILL_LAYER, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible]);
  useEffect(() => {
    if (!map) return;
    const onZoom = () => update({ belowMinZoom: map.getZoom() < POPULATION_MIN_ZOOM });
    onZoom();
    map.on('zoomend', onZoom);
    return () => {
      map.off('zoomend', onZoom);
    };
  }, [map]);
}
