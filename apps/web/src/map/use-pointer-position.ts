import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useState } from 'react';

export interface PointerPosition {
  lng: number;
  lat: number;
  zoom: number;
}

/** The geographic position under the mouse (WGS 84), at most once per animation frame. */
export function usePointerPosition(map: MapLibreMap | null): PointerPosition | null {
  const [position, setPosition] = useState<PointerPosition | null>(null);
  useEffect(() => {
    if (!map) return;
    let frame = 0;
    const onMove = (e: MapMouseEvent) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        setPosition({ lng: e.lngLat.lng, lat: e.lngLat.lat, zoom: map.getZoom() }),
      );
    };
    const onZoom = () => setPosition((p) => (p ? { ...p, zoom: map.getZoom() } : p));
    map.on('mousemove', onMove);
    map.on('zoomend', onZoom);
    return () => {
      cancelAnimationFrame(frame);
      map.off('mousemove', onMove);
      map.off('zoomend', onZoom);
    };
  }, [map]);
  return position;
}
