/**
 * The task panel's map layers, present only while the panel is open: the obstacles raised at a
 * place (open ones red, answered amber, resolved green), the place an obstacle is being raised
 * at, and the "pick on map" mode that chooses it. Coordinates WGS 84 `[lng, lat]`.
 */
import type { Obstacle } from '@hatang/contracts';
import type { GeoJSONSource, MapLayerMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { useDraftPoint } from '../../map/draft-point';
import { usePickOnMap, whenStyleReady } from '../../map/pick-on-map';

export type LngLat = [number, number];

const SOURCE = 'task-obstacles';
/** Layer id of the obstacles drawn at their place (tests query it). */
export const OBSTACLE_LAYER = 'task-obstacles-points';
const DRAFT_SOURCE = 'task-obstacle-draft';
const DRAFT_LAYER = 'task-obstacle-draft-point';
const CATCHER = 'task-obstacle-pick-catcher' as const;

export const OBSTACLE_COLOURS = { open: '#c62828', answered: '#ef6c00', resolved: '#2e7d32' } as const;

function remove(map: MapLibreMap, layer: string, source: string) {
  try {
    if (map.getLayer(layer)) map.removeLayer(layer);
    if (map.getSource(source)) map.removeSource(source);
  } catch {
    // The map is gone.
  }
}

/**
 * Draws the obstacles that have a place while the panel is open; a click on one opens it
 * (`onOpen`, unless a place is being picked for a new one).
 */
export function useObstacleLayer(
  map: MapLibreMap | null,
  obstacles: readonly Obstacle[] | undefined,
  onOpen: (id: string) => void,
  picking: boolean,
): void {
  useEffect(() => {
    if (!map) return;
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(SOURCE))
        map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      if (!map.getLayer(OBSTACLE_LAYER))
        map.addLayer({
          id: OBSTACLE_LAYER,
          type: 'circle',
          source: SOURCE,
          paint: {
            'circle-radius': 7,
            'circle-color': [
              'match',
              ['get', 'status'],
              'open',
              OBSTACLE_COLOURS.open,
              'answered',
              OBSTACLE_COLOURS.answered,
              'resolved',
              OBSTACLE_COLOURS.resolved,
              '#555',
            ],
            'circle-stroke-color': '#fff',
            'circle-stroke-width': 2,
          },
        });
    });
    return () => {
      cancel();
      remove(map, OBSTACLE_LAYER, SOURCE);
    };
  }, [map]);
  useEffect(() => {
    if (!map) return;
    const features = (obstacles ?? []).flatMap((o) =>
      o.location
        ? [
            {
              type: 'Feature' as const,
              properties: { id: o.id, status: o.status },
              geometry: { type: 'Point' as const, coordinates: o.location.coordinates },
            },
          ]
        : [],
    );
    return whenStyleReady(map, () => {
      (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    });
  }, [map, obstacles]);
  useEffect(() => {
    if (!map || picking) return;
    const open = (event: MapLayerMouseEvent) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') onOpen(id);
    };
    const pointer = () => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const plain = () => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', OBSTACLE_LAYER, open);
    map.on('mouseenter', OBSTACLE_LAYER, pointer);
    map.on('mouseleave', OBSTACLE_LAYER, plain);
    return () => {
      map.off('click', OBSTACLE_LAYER, open);
      map.off('mouseenter', OBSTACLE_LAYER, pointer);
      map.off('mouseleave', OBSTACLE_LAYER, plain);
    };
  }, [map, onOpen, picking]);
}

/** The place being chosen for a new obstacle, and the map click that chooses it while `picking`. */
export function usePlacePicker(
  map: MapLibreMap | null,
  picking: boolean,
  at: LngLat | null,
  onPick: (at: LngLat) => void,
): void {
  usePickOnMap(map, picking, CATCHER, (p) => onPick([Number(p[0].toFixed(7)), Number(p[1].toFixed(7))]));
  useDraftPoint(map, at, { source: DRAFT_SOURCE, layer: DRAFT_LAYER });
}
