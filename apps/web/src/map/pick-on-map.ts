import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { registerOverlayClickLayers } from './use-map-interactions';

/**
 * Runs `fn` now, or — when the style is still loading (`addSource` throws then) — at the next
 * idle; returns the cancel. `fn` must be idempotent.
 */
export function whenStyleReady(map: MapLibreMap, fn: () => void): () => void {
  try {
    fn();
    return () => {};
  } catch {
    // The style is not done loading: try again when the map is idle.
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  map.once('idle', run);
  return () => {
    done = true;
    map.off('idle', run);
  };
}

const WORLD = {
  type: 'Feature' as const,
  properties: {},
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [-180, -85],
        [180, -85],
        [180, 85],
        [-180, 85],
        [-180, -85],
      ],
    ],
  },
};

/**
 * While `active`, a click on the map calls `onPick` with its `[lng, lat]` (and the event), the
 * cursor is a crosshair, and an invisible layer `catcherId` over the whole map — registered as an
 * overlay click layer — keeps the app from opening an asset or commune panel, and other overlays
 * from opening their cards, under the click. The id must end in `pick-catcher` (see `isPickingAt`).
 */
export function usePickOnMap(
  map: MapLibreMap | null,
  active: boolean,
  catcherId: `${string}pick-catcher`,
  onPick: (at: [number, number], event: MapMouseEvent) => void,
): void {
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  useEffect(() => {
    if (!map || !active) return;
    const canvas = map.getCanvas();
    const onClick = (e: MapMouseEvent) => onPickRef.current([e.lngLat.lng, e.lngLat.lat], e);
    // Hovering a feature resets the cursor to a pointer: keep the crosshair while picking.
    const onMove = () => {
      canvas.style.cursor = 'crosshair';
    };
    const unregister = registerOverlayClickLayers([catcherId]);
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(catcherId)) map.addSource(catcherId, { type: 'geojson', data: WORLD });
      if (!map.getLayer(catcherId))
        map.addLayer({
          id: catcherId,
          type: 'fill',
          source: catcherId,
          paint: { 'fill-color': '#000', 'fill-opacity': 0.01 },
        });
    });
    canvas.style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      cancel();
      map.off('click', onClick);
      map.off('mousemove', onMove);
      canvas.style.cursor = '';
      unregister();
      try {
        if (map.getLayer(catcherId)) map.removeLayer(catcherId);
        if (map.getSource(catcherId)) map.removeSource(catcherId);
      } catch {
        // The map is gone.
      }
    };
  }, [map, active, catcherId]);
}
