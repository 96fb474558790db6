import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LngLatBoundsLike,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { useCallback, useEffect, useMemo } from 'react';
import type { ImportView } from './imports-api';

export const PREVIEW_SOURCE = 'import-preview';
/** Layer ids of the preview (tests query them with `map.queryRenderedFeatures`). */
export const PREVIEW_LAYERS = {
  fill: 'import-preview-fill',
  line: 'import-preview-line',
  points: 'import-preview-points',
} as const;

/** Yellow with a dark ring (valid) or white with a red ring (bad): unlike any owner colour of the asset layers. */
const VALID = '#facc15';
const INVALID = '#dc2626';
const color: ExpressionSpecification = ['case', ['get', 'valid'], VALID, INVALID];
const fillColor: ExpressionSpecification = ['case', ['get', 'valid'], VALID, '#ffffff'];
const ringColor: ExpressionSpecification = ['case', ['get', 'valid'], '#111827', INVALID];

/** The preview rows as features: `row`, and `valid` (the row maps without problems). */
export function previewFeatures(preview: ImportView['preview']): FeatureCollection {
  const features: Feature[] = [];
  for (const row of preview) {
    if (!row.geometry) continue;
    features.push({
      type: 'Feature',
      // Staged from the file as GeoJSON in WGS 84 (the contract types it loosely).
      geometry: row.geometry as unknown as Geometry,
      properties: { row: row.row, valid: row.properties !== null },
    });
  }
  return { type: 'FeatureCollection', features };
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

/** `[west, south, east, north]` of the features (WGS 84), or null when there are none. */
export function boundsOf(collection: FeatureCollection): [number, number, number, number] | null {
  let bounds: [number, number, number, number] | null = null;
  for (const feature of collection.features) {
    if (!feature.geometry) continue;
    for (const [lng, lat] of positionsOf(feature.geometry)) {
      if (lng === undefined || lat === undefined) continue;
      bounds = bounds
        ? [
            Math.min(bounds[0], lng),
            Math.min(bounds[1], lat),
            Math.max(bounds[2], lng),
            Math.max(bounds[3], lat),
          ]
        : [lng, lat, lng, lat];
    }
  }
  return bounds;
}

function addPreview(map: MapLibreMap): void {
  if (map.getSource(PREVIEW_SOURCE)) return;
  map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: PREVIEW_LAYERS.fill,
    type: 'fill',
    source: PREVIEW_SOURCE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': color, 'fill-opacity': 0.25 },
  });
  map.addLayer({
    id: PREVIEW_LAYERS.line,
    type: 'line',
    source: PREVIEW_SOURCE,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': color, 'line-width': 4, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: PREVIEW_LAYERS.points,
    type: 'circle',
    source: PREVIEW_SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 8,
      'circle-color': fillColor,
      'circle-stroke-color': ringColor,
      'circle-stroke-width': 3,
    },
  });
}

function removePreview(map: MapLibreMap): void {
  // The map may already be gone (the app unmounting): nothing to clean then.
  if (!map.style) return;
  for (const id of Object.values(PREVIEW_LAYERS)) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(PREVIEW_SOURCE)) map.removeSource(PREVIEW_SOURCE);
}

/**
 * Draws the import's preview rows on `map` as a temporary layer on top of everything, fits the
 * view to them when they change, and removes the layer when the panel unmounts. Returns a
 * function that fits the view again.
 */
export function usePreviewLayer(map: MapLibreMap | null, preview: ImportView['preview'] | null): () => void {
  const collection = useMemo(() => previewFeatures(preview ?? []), [preview]);
  const bounds = useMemo(() => boundsOf(collection), [collection]);

  const fit = useCallback(() => {
    if (!map || !bounds) return;
    const [w, s, e, n] = bounds;
    // A single point has no extent: pad it to a few hundred metres.
    const pad = w === e && s === n ? 0.002 : 0;
    const box: LngLatBoundsLike = [
      [w - pad, s - pad],
      [e + pad, n + pad],
    ];
    map.fitBounds(box, { padding: 60, maxZoom: 18, duration: 0 });
  }, [map, bounds]);

  useEffect(() => {
    if (!map) return;
    addPreview(map);
    return () => removePreview(map);
  }, [map]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(PREVIEW_SOURCE)?.setData(collection);
    if (collection.features.length > 0) fit();
  }, [map, collection, fit]);

  return fit;
}
