/** Map styles of the sharing panel's layers (line colours by route kind and by spare class). */
import type { LayerSpecification } from 'maplibre-gl';
import type { RouteKind } from './sharing-api';

type Layer = Omit<LayerSpecification, 'source'>;

export const ROUTE_COLOURS: Record<RouteKind, string> = {
  duct: '#1d4ed8',
  pole: '#15803d',
  trench_tunnel: '#7e22ce',
  new_trench: '#ea580c',
  new_trench_straight: '#dc2626',
};

export const SPARE_COLOURS: Record<'none' | 'low' | 'medium' | 'high', string> = {
  none: '#b91c1c',
  low: '#f59e0b',
  medium: '#84cc16',
  high: '#15803d',
};

const byProperty = (property: string, colours: Record<string, string>, fallback: string) =>
  ['match', ['get', property], ...Object.entries(colours).flat(), fallback] as unknown as string;

export const ROUTE_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-route-casing',
    type: 'line',
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#fff', 'line-width': 9, 'line-opacity': 0.9 },
  } as Layer,
  {
    id: 'sharing-route-line',
    type: 'line',
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': byProperty('kind', ROUTE_COLOURS, '#111'), 'line-width': 5 },
  } as Layer,
  {
    id: 'sharing-route-stops',
    type: 'circle',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 7,
      'circle-color': '#111827',
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  } as Layer,
];

export const TOWER_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-tower-circle-fill',
    type: 'fill',
    filter: ['==', ['get', 'role'], 'circle'],
    paint: { 'fill-color': '#2563eb', 'fill-opacity': 0.08 },
  } as Layer,
  {
    id: 'sharing-tower-circle-line',
    type: 'line',
    filter: ['==', ['get', 'role'], 'circle'],
    paint: { 'line-color': '#2563eb', 'line-width': 2, 'line-dasharray': [2, 2] },
  } as Layer,
  {
    id: 'sharing-tower-hosts',
    type: 'circle',
    filter: ['==', ['get', 'role'], 'host'],
    paint: {
      'circle-radius': 9,
      'circle-color': '#16a34a',
      'circle-opacity': 0.85,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  } as Layer,
  {
    id: 'sharing-tower-point',
    type: 'circle',
    filter: ['==', ['get', 'role'], 'proposed'],
    paint: {
      'circle-radius': 6,
      'circle-color': '#111827',
      'circle-stroke-color': '#fbbf24',
      'circle-stroke-width': 3,
    },
  } as Layer,
];

export const CLUSTER_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-clusters',
    type: 'circle',
    paint: {
      'circle-radius': ['+', 6, ['*', 2, ['get', 'towers']]],
      'circle-color': '#db2777',
      'circle-opacity': 0.35,
      'circle-stroke-color': '#db2777',
      'circle-stroke-width': 2,
    },
  } as Layer,
];

export const SPARE_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-spare-lines',
    type: 'line',
    layout: { 'line-cap': 'round' },
    paint: {
      'line-color': byProperty('spareClass', SPARE_COLOURS, '#6b7280'),
      'line-width': ['case', ['==', ['get', 'kind'], 'duct'], 5, 3],
    },
  } as Layer,
];

export const DIG_ONCE_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-dig-once',
    type: 'line',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#0891b2', 'line-width': 7, 'line-opacity': 0.8 },
  } as Layer,
];

export const UNDERGROUND_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-underground',
    type: 'line',
    layout: { 'line-cap': 'round' },
    paint: {
      'line-color': '#c026d3',
      'line-width': ['interpolate', ['linear'], ['get', 'rank'], 1, 7, 50, 3],
    },
  } as Layer,
];

/** Campaign stretches coloured by status (campaign-model CAMPAIGN_COLOURS). */
export const CAMPAIGN_LAYERS: readonly Layer[] = [
  {
    id: 'sharing-campaign-casing',
    type: 'line',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 10, 'line-opacity': 0.9 },
  } as Layer,
  {
    id: 'sharing-campaign',
    type: 'line',
    layout: { 'line-cap': 'round' },
    paint: {
      'line-color': byProperty(
        'status',
        { planned: '#f59e0b', in_progress: '#2563eb', done: '#16a34a' },
        '#6b7280',
      ),
      'line-width': 6,
    },
  } as Layer,
];
