/**
 * The public page's map layers: the approved plan's items (points, lines, areas coloured by kind)
 * and the chosen commune's outline on the base style's commune source; a click on a commune
 * chooses it. Layers go below the commune names so the names stay readable.
 */
import type { PlanItemKind, PublicPlan } from '@hatang/contracts';
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LngLatBoundsLike,
  MapLayerMouseEvent,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { useEffect, useState } from 'react';
import type { AdminUnitCollection } from '../../lib/types';
import { ADMIN_FILL_LAYER, ADMIN_LABEL_LAYER } from '../../map/base-style';

const SOURCE = 'public-plan';
export const PLAN_LAYERS = ['public-plan-fill', 'public-plan-line', 'public-plan-point'] as const;
const SELECTED_LAYER = 'public-commune-selected';

/** A colour per item kind (legend and layers). */
export const KIND_COLORS: Record<PlanItemKind, string> = {
  tower_site: '#b91c1c',
  tower_area: '#ea580c',
  pole_line_build: '#7c3aed',
  pole_line_remove: '#6b7280',
  duct_route: '#0f766e',
  trench: '#0369a1',
  tunnel: '#1d4ed8',
  undergrounding: '#15803d',
  landing_station: '#be185d',
  submarine_corridor: '#0891b2',
  data_centre: '#4338ca',
  wifi_point: '#ca8a04',
};

/** Each item carries its colour (set when the items are put on the map). */
const kindColor: ExpressionSpecification = ['get', 'color'];

function addLayers(map: MapLibreMap) {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer(
    {
      id: SELECTED_LAYER,
      type: 'line',
      source: 'admin-units',
      filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': '#b91c1c', 'line-width': 3.5 },
    },
    ADMIN_LABEL_LAYER,
  );
  map.addLayer(
    {
      id: 'public-plan-fill',
      type: 'fill',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': kindColor, 'fill-opacity': 0.35, 'fill-outline-color': kindColor },
    },
    ADMIN_LABEL_LAYER,
  );
  map.addLayer(
    {
      id: 'public-plan-line',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': kindColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2, 15, 5] },
    },
    ADMIN_LABEL_LAYER,
  );
  map.addLayer(
    {
      id: 'public-plan-point',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': kindColor,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 15, 8],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    ADMIN_LABEL_LAYER,
  );
}

/** The bounds of a commune's outline, `[[west, south], [east, north]]`. */
function boundsOf(units: AdminUnitCollection, code: string): LngLatBoundsLike | null {
  const unit = units.features.find((f) => f.properties.code === code);
  if (!unit) return null;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const polygon of unit.geometry.coordinates)
    for (const ring of polygon)
      for (const position of ring) {
        const [lng = w, lat = s] = position;
        w = Math.min(w, lng);
        e = Math.max(e, lng);
        s = Math.min(s, lat);
        n = Math.max(n, lat);
      }
  return [
    [w, s],
    [e, n],
  ];
}

/** Draws the plan and the chosen commune; true once the plan's items are on the map. */
export function usePublicLayers(
  map: MapLibreMap | null,
  plan: PublicPlan | undefined,
  units: AdminUnitCollection | undefined,
  selected: string | null,
  onChoose: (code: string) => void,
): boolean {
  const [drawn, setDrawn] = useState<PublicPlan | null>(null);
  useEffect(() => {
    if (!map || !plan) return;
    addLayers(map);
    map.getSource<GeoJSONSource>(SOURCE)?.setData({
      type: 'FeatureCollection',
      features: plan.items.features.map((f) => ({
        ...f,
        properties: { ...f.properties, color: KIND_COLORS[f.properties.kind] },
      })),
    });
    setDrawn(plan);
  }, [map, plan]);

  useEffect(() => {
    if (!map) return;
    addLayers(map);
    map.setFilter(SELECTED_LAYER, ['==', ['get', 'code'], selected ?? '']);
    const bounds = selected && units ? boundsOf(units, selected) : null;
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 13, duration: 600 });
  }, [map, selected, units]);

  useEffect(() => {
    if (!map) return;
    const click = (event: MapLayerMouseEvent) => {
      const code = event.features?.[0]?.properties?.code;
      if (typeof code === 'string') onChoose(code);
    };
    map.on('click', ADMIN_FILL_LAYER, click);
    return () => {
      map.off('click', ADMIN_FILL_LAYER, click);
    };
  }, [map, onChoose]);
  return drawn !== null && drawn === plan;
}
