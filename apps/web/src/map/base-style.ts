import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';

/** Font stacks served by the API from data/glyphs (see scripts/build-glyphs.ts). */
export const FONT_REGULAR = ['Noto Sans Regular'];
export const FONT_BOLD = ['Noto Sans Bold'];

export const ATTRIBUTION_LAND = '© OpenStreetMap contributors, ODbL 1.0';
export const ATTRIBUTION_ADMIN_UNITS =
  'Administrative units: sapnhap.bando.com.vn via vietnamadminunits &amp; vietnamese-provinces-database (MIT)';
export const ATTRIBUTION_WORLDPOP = 'Population: WorldPop, CC BY 4.0';

export const SEA_COLOR = '#aad3df';
const LAND_COLOR = '#f4f1ea';

/** Layer id of the commune labels; asset layers are inserted below it so names stay readable. */
export const ADMIN_LABEL_LAYER = 'admin-units-label';
/** Layers a click falls back to when it hits no asset. */
export const ADMIN_FILL_LAYER = 'admin-units-fill';

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

const baseLayers: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': SEA_COLOR } },
  { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND_COLOR } },
  {
    id: ADMIN_FILL_LAYER,
    type: 'fill',
    source: 'admin-units',
    paint: {
      'fill-color': ['match', ['get', 'unitType'], 'ward', '#f2d7c4', 'special_zone', '#cfe3f5', '#dcebcc'],
      'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.55, 14, 0.25],
    },
  },
  {
    id: 'admin-units-line',
    type: 'line',
    source: 'admin-units',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': '#8b7d99',
      'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 14, 1.6],
      'line-dasharray': [3, 1.5],
    },
  },
  {
    id: ADMIN_LABEL_LAYER,
    type: 'symbol',
    source: 'admin-unit-labels',
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['step', ['zoom'], ['literal', FONT_REGULAR], 12, ['literal', FONT_BOLD]],
      'text-size': ['interpolate', ['linear'], ['zoom'], 9, 10, 12, 13, 15, 16],
      'text-max-width': 8,
      'text-padding': 4,
    },
    paint: {
      'text-color': '#3f3a4a',
      'text-halo-color': 'rgba(255,255,255,0.9)',
      'text-halo-width': 1.4,
    },
  },
];

/**
 * The offline style: sea background, land polygons, commune boundaries and names. Every URL is on
 * this app's own origin (`origin`, e.g. `location.origin`): MapLibre needs absolute glyph URLs.
 */
export function createBaseStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    name: 'Hatang offline basemap',
    glyphs: `${origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      land: {
        type: 'geojson',
        data: `${origin}/basemap/land.geojson`,
        attribution: ATTRIBUTION_LAND,
        tolerance: 0.5,
      },
      'admin-units': {
        type: 'geojson',
        data: emptyCollection,
        attribution: ATTRIBUTION_ADMIN_UNITS,
      },
      'admin-unit-labels': { type: 'geojson', data: emptyCollection },
    },
    layers: baseLayers,
  };
}
