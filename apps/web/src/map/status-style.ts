import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { AssetStatus } from '../lib/types';
import type { ColorValue } from './layer-group';

/** Shared status styling: existing solid, planned dashed/hollow, under construction amber, decommissioned grey. */
export const STATUS_COLORS = {
  underConstruction: '#f59e0b',
  decommissioned: '#9ca3af',
  planned: '#ffffff',
} as const;

const status: ExpressionSpecification = ['get', 'status'];

interface PointOptions {
  color: ColorValue;
  /** Circle radius by zoom: pairs of [zoom, radius px]. */
  radius: Array<[number, number]>;
  minzoom?: number;
}

const interpolateByZoom = (stops: Array<[number, number]>): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...stops.flat()] as ExpressionSpecification;

/**
 * One circle layer `<source>-circle` for a point group. Planned points are hollow rings in the owner
 * colour, points under construction have an amber ring, decommissioned points are grey.
 */
export function pointLayer(source: string, { color, radius, minzoom }: PointOptions): LayerSpecification {
  return {
    id: `${source}-circle`,
    type: 'circle',
    source,
    ...(minzoom === undefined ? {} : { minzoom }),
    paint: {
      'circle-radius': interpolateByZoom(radius),
      'circle-color': [
        'match',
        status,
        'planned',
        STATUS_COLORS.planned,
        'decommissioned',
        STATUS_COLORS.decommissioned,
        color,
      ],
      'circle-stroke-color': [
        'match',
        status,
        'planned',
        color,
        'under_construction',
        STATUS_COLORS.underConstruction,
        'decommissioned',
        '#6b7280',
        '#ffffff',
      ],
      'circle-stroke-width': ['match', status, ['planned', 'under_construction'], 2, 1],
      'circle-opacity': ['match', status, 'decommissioned', 0.6, 1],
    },
  };
}

interface LineOptions {
  color: ColorValue;
  /** Line width by zoom: pairs of [zoom, width px]. */
  width: Array<[number, number]>;
  minzoom?: number;
  /** Dash pattern of existing lines (e.g. trenches), if any. */
  baseDash?: number[];
}

const LINE_STATUSES: Array<{ status: AssetStatus; suffix: string; dash?: number[] }> = [
  { status: 'decommissioned', suffix: 'decommissioned', dash: [1, 1.5] },
  { status: 'existing', suffix: 'existing' },
  { status: 'under_construction', suffix: 'construction', dash: [3, 1] },
  { status: 'planned', suffix: 'planned', dash: [2, 2] },
];

/**
 * Line layers `<source>-line-<status>` (dash patterns cannot vary per feature, so one layer per
 * status): existing solid, planned dashed, under construction long-dashed amber-edged, decommissioned grey dotted.
 */
export function lineLayers(
  source: string,
  { color, width, minzoom, baseDash }: LineOptions,
): LayerSpecification[] {
  return LINE_STATUSES.map(({ status: s, suffix, dash }) => {
    const dasharray = dash ?? baseDash;
    const layer: LayerSpecification = {
      id: `${source}-line-${suffix}`,
      type: 'line',
      source,
      filter: ['==', ['get', 'status'], s],
      ...(minzoom === undefined ? {} : { minzoom }),
      layout: { 'line-cap': dasharray ? 'butt' : 'round', 'line-join': 'round' },
      paint: {
        'line-color':
          s === 'decommissioned'
            ? STATUS_COLORS.decommissioned
            : s === 'under_construction'
              ? STATUS_COLORS.underConstruction
              : color,
        'line-width': interpolateByZoom(width),
        ...(dasharray ? { 'line-dasharray': dasharray } : {}),
        ...(s === 'planned' ? { 'line-opacity': 0.9 } : {}),
      },
    };
    return layer;
  });
}

export const lineLayerIds = (source: string): string[] =>
  LINE_STATUSES.map(({ suffix }) => `${source}-line-${suffix}`);
