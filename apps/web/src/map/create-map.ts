import 'maplibre-gl/dist/maplibre-gl.css';
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { ATTRIBUTION_WORLDPOP, createBaseStyle } from './base-style';

declare global {
  interface Window {
    /** The map, exposed for end-to-end tests and debugging. */
    __hatangMap?: MapLibreMap;
  }
}

// Without this MapLibre 6 derives the worker URL from its own module URL, which the bundle breaks.
setWorkerUrl(workerUrl);

/** Hai Phong, including the former Hải Dương province: `[lng, lat]`. */
export const INITIAL_CENTER: [number, number] = [106.55, 20.86];
export const INITIAL_ZOOM = 9.5;

/** Creates the map on `container` with the offline base style; everything loads from this origin. */
export function createMap(container: HTMLElement, assetsAttribution: string): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: createBaseStyle(window.location.origin),
    center: INITIAL_CENTER,
    zoom: INITIAL_ZOOM,
    minZoom: 6,
    maxZoom: 20,
    maxBounds: [
      [104.5, 19.3],
      [108.8, 22.2],
    ],
    attributionControl: false,
    // MapLibre asks for CJK glyphs from the server unless told to draw them locally.
    localIdeographFontFamily: 'sans-serif',
    // Keeps the canvas readable by screenshots in tests.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.addControl(
    new AttributionControl({ compact: true, customAttribution: [ATTRIBUTION_WORLDPOP, assetsAttribution] }),
    'bottom-right',
  );
  // Compact attribution starts expanded and would cover the bottom of the map: fold it, the (i) opens it.
  map.once('load', () => {
    map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  });
  window.__hatangMap = map;
  return map;
}
