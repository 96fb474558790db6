/**
 * Where choosing an option takes the map, and what it opens: an asset's panel (as a click on it
 * would), a commune's panel (its feature picked from the map once there), otherwise a marker on
 * the place (coordinates, streets, plan items, key sites, applications, requests).
 */
import type { SearchResult } from '@hatang/contracts';
import type { ParsedCoordinates } from '@hatang/geo/coordinates';
import { useQueryClient } from '@tanstack/react-query';
import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useCallback, useEffect, useRef } from 'react';
import type { AdminUnitProperties } from '../../lib/types';
import { ADMIN_FILL_LAYER } from '../../map/base-style';
import { loadAssetSelection } from '../../map/open-asset';
import type { Selection } from '../../map/use-map-interactions';

/** The zoom a point is shown at (a building-sized view). */
const POINT_ZOOM = 17;

const isAdminUnit = (value: unknown): value is AdminUnitProperties =>
  typeof value === 'object' && value !== null && 'code' in value && 'name' in value;

export function useSearchTarget(map: MapLibreMap | null, onSelect: (selection: Selection | null) => void) {
  const queryClient = useQueryClient();
  const marker = useRef<Marker | null>(null);
  const clearMarker = useCallback(() => {
    marker.current?.remove();
    marker.current = null;
  }, []);
  useEffect(() => clearMarker, [clearMarker]);

  const dropMarker = useCallback(
    (lngLat: [number, number]) => {
      if (!map) return;
      clearMarker();
      const placed = new Marker({ color: '#b91c1c' }).setLngLat(lngLat).addTo(map);
      placed.getElement().dataset.testid = 'search-marker';
      marker.current = placed;
    },
    [map, clearMarker],
  );

  /** Moves the camera to the result; `then` runs once it has arrived. */
  const fly = useCallback(
    (point: [number, number], bbox: [number, number, number, number] | null, then?: () => void) => {
      if (!map) return;
      if (then) map.once('moveend', then);
      if (bbox && (bbox[2] - bbox[0] > 1e-6 || bbox[3] - bbox[1] > 1e-6))
        map.fitBounds(bbox, { padding: 60, maxZoom: POINT_ZOOM, duration: 800 });
      else map.flyTo({ center: point, zoom: Math.max(map.getZoom(), POINT_ZOOM), duration: 800 });
    },
    [map],
  );

  const goToCoordinate = useCallback(
    (coordinate: ParsedCoordinates) => {
      fly(coordinate.lngLat, null);
      dropMarker(coordinate.lngLat);
    },
    [fly, dropMarker],
  );

  const openResult = useCallback(
    (result: SearchResult) => {
      if (!map) return;
      const open = result.open;
      clearMarker();
      if (open.kind === 'asset') {
        fly(result.point, result.bbox);
        void loadAssetSelection(queryClient, open.resource, open.id)
          .then((next) => (next ? onSelect(next) : dropMarker(result.point)))
          .catch(() => dropMarker(result.point));
        return;
      }
      if (open.kind === 'admin_unit') {
        // Once there and drawn, the commune's feature as a click on it would pick it.
        fly(result.point, result.bbox, () => {
          map.once('idle', () => {
            const byCode = (f: { properties: Record<string, unknown> }) =>
              String(f.properties.code) === open.code;
            const unit = map.getLayer(ADMIN_FILL_LAYER)
              ? map.queryRenderedFeatures({ layers: [ADMIN_FILL_LAYER] }).find(byCode)
              : undefined;
            if (unit && isAdminUnit(unit.properties))
              onSelect({ kind: 'admin-unit', properties: unit.properties, feature: unit });
          });
          map.triggerRepaint();
        });
        return;
      }
      fly(result.point, result.bbox);
      dropMarker(result.point);
    },
    [map, fly, clearMarker, dropMarker, queryClient, onSelect],
  );

  return { goToCoordinate, openResult, clearMarker };
}
