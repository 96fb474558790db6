import type { KeySiteGeometry, KeySiteWithFlags, SiteOfferFeature } from '@hatang/contracts';
import type { LineString, MultiLineString, Point, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { FONT_BOLD } from '../../map/base-style';
import { isPickingAt, registerOverlayClickLayers } from '../../map/use-map-interactions';

/**
 * Map layers of the sites overlay: commune site offers (orange: dashed outline for roofs and
 * plots drawn as areas, a square marker for points) and key sites (a disc with the category's
 * short code, green when the chosen flag — fiber, 5G or WiFi — is there, red when not; road
 * corridors a solid line, rail corridors a dashed one, in the same colours).
 */
export const OFFER_SOURCE = 'site-offers';
export const KEY_SITE_SOURCE = 'key-sites';
export const OFFER_POINT_LAYER = 'site-offers-point';
export const OFFER_FILL_LAYER = 'site-offers-fill';
export const KEY_SITE_POINT_LAYER = 'key-sites-point';
export const KEY_SITE_FILL_LAYER = 'key-sites-fill';
const OFFER_LINE_LAYER = 'site-offers-line';
const KEY_SITE_LINE_LAYER = 'key-sites-line';
const KEY_SITE_LABEL_LAYER = 'key-sites-label';
export const KEY_SITE_ROAD_LAYER = 'key-sites-road';
export const KEY_SITE_RAIL_LAYER = 'key-sites-rail';
const OFFER_LAYERS = [OFFER_FILL_LAYER, OFFER_LINE_LAYER, OFFER_POINT_LAYER];
const KEY_SITE_LAYERS = [
  KEY_SITE_ROAD_LAYER,
  KEY_SITE_RAIL_LAYER,
  KEY_SITE_FILL_LAYER,
  KEY_SITE_LINE_LAYER,
  KEY_SITE_POINT_LAYER,
  KEY_SITE_LABEL_LAYER,
];
export const CLICKABLE_LAYERS = [
  OFFER_POINT_LAYER,
  OFFER_FILL_LAYER,
  KEY_SITE_POINT_LAYER,
  KEY_SITE_FILL_LAYER,
  KEY_SITE_ROAD_LAYER,
  KEY_SITE_RAIL_LAYER,
];

export const OFFER_COLOR = '#ea580c';
export const HAS_COLOR = '#16a34a';
export const LACKS_COLOR = '#dc2626';

/** Short codes drawn in each category's disc. */
export const CATEGORY_CODES: Record<string, string> = {
  seaport: 'C',
  industrial_park: 'KCN',
  industrial_cluster: 'CCN',
  it_park: 'IT',
  research_centre: 'NC',
  school: 'T',
  hospital: 'BV',
  state_agency: 'CQ',
  commercial_area: 'TM',
  tourist_site: 'DL',
  commune_centre: 'UB',
  cultural_house: 'VH',
  transport_hub: 'GT',
  road_corridor: 'ĐB',
  rail_corridor: 'ĐS',
  hotel: 'KS',
  heritage_site: 'DT',
  college_university: 'ĐH',
};

export type FlagName = 'hasFiber' | 'has5g' | 'hasWifi';

const empty = { type: 'FeatureCollection' as const, features: [] };
const isPoint = ['==', ['geometry-type'], 'Point'] as ['==', ['geometry-type'], string];
const isPolygon = ['==', ['geometry-type'], 'Polygon'] as ['==', ['geometry-type'], string];
const isCategory = (category: string) =>
  ['==', ['get', 'category'], category] as ['==', ['get', string], string];

export function addSitesLayers(map: MapLibreMap): void {
  if (map.getSource(OFFER_SOURCE)) return;
  map.addSource(KEY_SITE_SOURCE, { type: 'geojson', data: empty, promoteId: 'id' });
  map.addSource(OFFER_SOURCE, { type: 'geojson', data: empty, promoteId: 'id' });
  const flagColor = (flag: FlagName) => ['case', ['get', flag], HAS_COLOR, LACKS_COLOR] as unknown as string;
  const corridorWidth = ['interpolate', ['linear'], ['zoom'], 9, 2.5, 14, 5] as unknown as number;
  map.addLayer({
    id: KEY_SITE_ROAD_LAYER,
    type: 'line',
    source: KEY_SITE_SOURCE,
    filter: isCategory('road_corridor'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': flagColor('hasFiber'), 'line-width': corridorWidth, 'line-opacity': 0.85 },
  });
  map.addLayer({
    id: KEY_SITE_RAIL_LAYER,
    type: 'line',
    source: KEY_SITE_SOURCE,
    filter: isCategory('rail_corridor'),
    paint: {
      'line-color': flagColor('hasFiber'),
      'line-width': corridorWidth,
      'line-dasharray': [2, 1.5],
      'line-opacity': 0.9,
    },
  });
  map.addLayer({
    id: KEY_SITE_FILL_LAYER,
    type: 'fill',
    source: KEY_SITE_SOURCE,
    filter: isPolygon,
    paint: { 'fill-color': flagColor('hasFiber'), 'fill-opacity': 0.15 },
  });
  map.addLayer({
    id: KEY_SITE_LINE_LAYER,
    type: 'line',
    source: KEY_SITE_SOURCE,
    filter: isPolygon,
    paint: { 'line-color': flagColor('hasFiber'), 'line-width': 2 },
  });
  map.addLayer({
    id: KEY_SITE_POINT_LAYER,
    type: 'circle',
    source: KEY_SITE_SOURCE,
    filter: isPoint,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 13, 9, 16, 12],
      'circle-color': '#ffffff',
      'circle-stroke-color': flagColor('hasFiber'),
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: KEY_SITE_LABEL_LAYER,
    type: 'symbol',
    source: KEY_SITE_SOURCE,
    minzoom: 12,
    filter: ['!', ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]]],
    layout: {
      'text-field': ['get', 'code'],
      'text-font': FONT_BOLD,
      'text-size': 9,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#111827' },
  });
  map.addLayer({
    id: OFFER_FILL_LAYER,
    type: 'fill',
    source: OFFER_SOURCE,
    filter: isPolygon,
    paint: { 'fill-color': OFFER_COLOR, 'fill-opacity': 0.35 },
  });
  map.addLayer({
    id: OFFER_LINE_LAYER,
    type: 'line',
    source: OFFER_SOURCE,
    filter: isPolygon,
    paint: { 'line-color': OFFER_COLOR, 'line-width': 2, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: OFFER_POINT_LAYER,
    type: 'circle',
    source: OFFER_SOURCE,
    filter: isPoint,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 13, 8, 16, 11],
      'circle-color': OFFER_COLOR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
}

/** The contract's geometry as a plain GeoJSON one (no bbox), for MapLibre and terra-draw. */
export function toGeoJson(g: KeySiteGeometry): Point | Polygon | LineString | MultiLineString {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: [g.coordinates[0], g.coordinates[1]] };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map((p) => [p[0], p[1]]) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map((p) => [p[0], p[1]])) };
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: g.coordinates.map((line) => line.map((p) => [p[0], p[1]])),
      };
  }
}

export function setOfferData(map: MapLibreMap, offers: readonly SiteOfferFeature[]): void {
  map.getSource<GeoJSONSource>(OFFER_SOURCE)?.setData({
    type: 'FeatureCollection',
    features: offers.map((o) => ({
      type: 'Feature',
      geometry: toGeoJson(o.geometry),
      properties: { id: o.id, name: o.properties.name, status: o.properties.status },
    })),
  });
}

export function setKeySiteData(map: MapLibreMap, sites: readonly KeySiteWithFlags[]): void {
  map.getSource<GeoJSONSource>(KEY_SITE_SOURCE)?.setData({
    type: 'FeatureCollection',
    features: sites.map((s) => ({
      type: 'Feature',
      geometry: toGeoJson(s.geometry),
      properties: {
        id: s.id,
        category: s.properties.category,
        code: CATEGORY_CODES[s.properties.category] ?? '?',
        hasFiber: s.properties.hasFiber,
        has5g: s.properties.has5g,
        hasWifi: s.properties.hasWifi,
      },
    })),
  });
}

/** Colours the key sites by one flag. */
export function setKeySiteFlag(map: MapLibreMap, flag: FlagName): void {
  const color = ['case', ['get', flag], HAS_COLOR, LACKS_COLOR] as unknown as string;
  if (map.getLayer(KEY_SITE_POINT_LAYER))
    map.setPaintProperty(KEY_SITE_POINT_LAYER, 'circle-stroke-color', color);
  if (map.getLayer(KEY_SITE_FILL_LAYER)) map.setPaintProperty(KEY_SITE_FILL_LAYER, 'fill-color', color);
  for (const id of [KEY_SITE_LINE_LAYER, KEY_SITE_ROAD_LAYER, KEY_SITE_RAIL_LAYER])
    if (map.getLayer(id)) map.setPaintProperty(id, 'line-color', color);
}

export function setSitesVisibility(map: MapLibreMap, offers: boolean, keySites: boolean): void {
  for (const [layers, visible] of [
    [OFFER_LAYERS, offers],
    [KEY_SITE_LAYERS, keySites],
  ] as const) {
    for (const id of layers)
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

/** Calls `onPick(kind, id)` when a click hits an offer or a key site (offers first). */
export function onSitesClick(
  map: MapLibreMap,
  onPick: (kind: 'offer' | 'keySite', id: string) => void,
): () => void {
  const click = (e: MapMouseEvent) => {
    // Another feature is choosing a place (a violation, a permit, a route stop): not a site card.
    if (isPickingAt(map, e.point)) return;
    const layers = CLICKABLE_LAYERS.filter((id) => map.getLayer(id));
    const hit = map.queryRenderedFeatures(e.point, { layers })[0];
    const id = hit?.properties?.id;
    if (!hit || typeof id !== 'string') return;
    onPick(hit.layer.id.startsWith('site-offers') ? 'offer' : 'keySite', id);
  };
  const enter = () => {
    map.getCanvas().style.cursor = 'pointer';
  };
  const leave = () => {
    map.getCanvas().style.cursor = '';
  };
  map.on('click', click);
  const unregister = registerOverlayClickLayers(CLICKABLE_LAYERS);
  for (const id of CLICKABLE_LAYERS) {
    map.on('mouseenter', id, enter);
    map.on('mouseleave', id, leave);
  }
  return () => {
    map.off('click', click);
    unregister();
    for (const id of CLICKABLE_LAYERS) {
      map.off('mouseenter', id, enter);
      map.off('mouseleave', id, leave);
    }
  };
}
