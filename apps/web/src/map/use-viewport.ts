import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import type { Bbox } from '../lib/types';

export interface Viewport {
  /** The view widened by a margin and snapped outwards to a grid, so small pans reuse the cache. */
  bbox: Bbox;
  zoom: number;
}

const GRID = 0.005; // degrees, ≈ 500 m

function viewportOf(map: MapLibreMap): Viewport {
  const bounds = map.getBounds();
  const w = bounds.getWest();
  const s = bounds.getSouth();
  const e = bounds.getEast();
  const n = bounds.getNorth();
  const mx = (e - w) * 0.15;
  const my = (n - s) * 0.15;
  const snap = (v: number, up: boolean) => (up ? Math.ceil(v / GRID) : Math.floor(v / GRID)) * GRID;
  return {
    bbox: [snap(w - mx, false), snap(s - my, false), snap(e + mx, true), snap(n + my, true)],
    zoom: map.getZoom(),
  };
}

/** The current view, updated on `moveend` after `delayMs` of quiet (debounced). */
export function useViewport(map: MapLibreMap | null, delayMs = 250): Viewport | null {
  const [viewport, setViewport] = useState<Viewport | null>(null);
  useEffect(() => {
    if (!map) return;
    setViewport(viewportOf(map));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMoveEnd = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setViewport(viewportOf(map)), delayMs);
    };
    map.on('moveend', onMoveEnd);
    return () => {
      clearTimeout(timer);
      map.off('moveend', onMoveEnd);
    };
  }, [map, delayMs]);
  return viewport;
}
