import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { FONT_BOLD } from '../base-style';

/**
 * Candidate sites of the last coverage analysis, ranked by people gained: co-location on an
 * existing tower (dark disc, yellow ring: unlike any owner colour) or a new site (white disc,
 * magenta ring), with their rank.
 */
export const SITE_SOURCE = 'coverage-candidates';
export const SITE_CIRCLE_LAYER = 'coverage-candidates-circle';
const SITE_LABEL_LAYER = 'coverage-candidates-label';
const SITE_SELECTED_LAYER = 'coverage-candidates-selected';
const LAYERS = [SITE_SELECTED_LAYER, SITE_CIRCLE_LAYER, SITE_LABEL_LAYER];

/** Legend swatches: fill and ring per kind. */
export const SITE_STYLES = {
  colocation: { fill: '#111827', stroke: '#facc15' },
  new: { fill: '#ffffff', stroke: '#c026d3' },
} as const;

export interface SiteFeatureProperties {
  rank: number;
  kind: 'colocation' | 'new';
  newlyCoveredCount: number;
}

export function addSiteLayers(map: MapLibreMap): void {
  if (map.getSource(SITE_SOURCE)) return;
  map.addSource(SITE_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: SITE_SELECTED_LAYER,
    type: 'circle',
    source: SITE_SOURCE,
    filter: ['==', ['get', 'rank'], -1],
    paint: {
      'circle-radius': 16,
      'circle-color': 'rgba(250, 204, 21, 0.35)',
      'circle-stroke-color': '#ca8a04',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: SITE_CIRCLE_LAYER,
    type: 'circle',
    source: SITE_SOURCE,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5.5, 12, 8, 16, 11],
      'circle-color': ['match', ['get', 'kind'], 'new', SITE_STYLES.new.fill, SITE_STYLES.colocation.fill],
      'circle-stroke-color': [
        'match',
        ['get', 'kind'],
        'new',
        SITE_STYLES.new.stroke,
        SITE_STYLES.colocation.stroke,
      ],
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: SITE_LABEL_LAYER,
    type: 'symbol',
    source: SITE_SOURCE,
    layout: {
      'text-field': ['to-string', ['get', 'rank']],
      'text-font': FONT_BOLD,
      'text-size': 11,
      'text-offset': [0, -1.3],
      'text-anchor': 'bottom',
      'text-padding': 1,
    },
    paint: { 'text-color': '#111827', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  });
}

export function setSiteData(
  map: MapLibreMap,
  sites: ReadonlyArray<SiteFeatureProperties & { position: [number, number] }>,
): void {
  map.getSource<GeoJSONSource>(SITE_SOURCE)?.setData({
    type: 'FeatureCollection',
    features: sites.map((s) => ({
      type: 'Feature',
      id: s.rank,
      geometry: { type: 'Point', coordinates: s.position },
      properties: { rank: s.rank, kind: s.kind, newlyCoveredCount: s.newlyCoveredCount },
    })),
  });
}

export function setSiteVisibility(map: MapLibreMap, visible: boolean): void {
  for (const id of LAYERS) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

export function setSelectedSite(map: MapLibreMap, rank: number | null): void {
  if (map.getLayer(SITE_SELECTED_LAYER))
    map.setFilter(SITE_SELECTED_LAYER, ['==', ['get', 'rank'], rank ?? -1]);
}

/** Calls `onSite(rank)` when a click hits a candidate site; pointer cursor over them. */
export function onSiteClick(map: MapLibreMap, onSite: (rank: number) => void): () => void {
  const click = (e: MapMouseEvent & { features?: Array<{ properties: Record<string, unknown> }> }) => {
    const rank = e.features?.[0]?.properties.rank;
    if (typeof rank === 'number') onSite(rank);
  };
  const enter = () => {
    map.getCanvas().style.cursor = 'pointer';
  };
  const leave = () => {
    map.getCanvas().style.cursor = '';
  };
  map.on('click', SITE_CIRCLE_LAYER, click);
  map.on('mouseenter', SITE_CIRCLE_LAYER, enter);
  map.on('mouseleave', SITE_CIRCLE_LAYER, leave);
  return () => {
    map.off('click', SITE_CIRCLE_LAYER, click);
    map.off('mouseenter', SITE_CIRCLE_LAYER, enter);
    map.off('mouseleave', SITE_CIRCLE_LAYER, leave);
  };
}
