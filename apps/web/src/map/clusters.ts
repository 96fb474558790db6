/**
 * Clusters for a point group that is dense at city zoom (6,000 towers over Hai Phong): below the
 * group's `cluster.maxZoom` + 1 its points are drawn as counted circles (MapLibre's GeoJSON
 * clustering, in its worker), from that zoom one by one. A click on a cluster zooms to where it
 * splits.
 */
import type {
  FilterSpecification,
  GeoJSONSource,
  LayerSpecification,
  MapLayerMouseEvent,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { FONT_BOLD } from './base-style';
import type { LayerGroup } from './layer-group';
import { registerOverlayClickLayers } from './use-map-interactions';

/** Pixels within which points gather into one cluster. */
export const CLUSTER_RADIUS_PX = 45;

export const clusterLayerIds = (source: string) => [`${source}-cluster`, `${source}-cluster-count`];

/** Features that are points of their own (not clusters): the group's own layers draw only these. */
const NOT_A_CLUSTER: FilterSpecification = ['!', ['has', 'point_count']];

/**
 * The group's layers, restricted to single points when the group clusters. A clustering group's
 * layers draw every single point (no filter of their own), which this keeps true.
 */
export function withoutClusters(layer: LayerSpecification): LayerSpecification {
  if (layer.type !== 'circle' && layer.type !== 'symbol' && layer.type !== 'heatmap') return layer;
  if (layer.filter !== undefined)
    throw new Error(`${layer.id}: a clustering group's layers take no filter of their own`);
  return { ...layer, filter: NOT_A_CLUSTER };
}

/** A neutral circle sized by the count, and the count in it (so owner colours stay for single points). */
export function clusterLayers(source: string): LayerSpecification[] {
  const [circle = '', count = ''] = clusterLayerIds(source);
  return [
    {
      id: circle,
      type: 'circle',
      source,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#0f3d3e',
        'circle-opacity': 0.78,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-radius': ['step', ['get', 'point_count'], 11, 25, 14, 100, 18, 400, 23],
      },
    },
    {
      id: count,
      type: 'symbol',
      source,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': FONT_BOLD,
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}

/** Clicks on a group's clusters zoom the map to where the cluster splits. Returns the cleanup. */
export function listenToClusterClicks(map: MapLibreMap, group: LayerGroup): () => void {
  const [circle = ''] = clusterLayerIds(group.id);
  const unregister = registerOverlayClickLayers([circle]);
  const onClick = (e: MapLayerMouseEvent) => {
    const [cluster] = e.features ?? [];
    const clusterId = cluster?.properties?.cluster_id;
    const geometry = cluster?.geometry;
    if (typeof clusterId !== 'number' || geometry?.type !== 'Point') return;
    const [lng = 0, lat = 0] = geometry.coordinates;
    void map
      .getSource<GeoJSONSource>(group.id)
      ?.getClusterExpansionZoom(clusterId)
      .then((zoom) => map.easeTo({ center: [lng, lat], zoom: zoom + 0.1 }));
  };
  const pointer = () => {
    map.getCanvas().style.cursor = 'pointer';
  };
  const plain = () => {
    map.getCanvas().style.cursor = '';
  };
  map.on('click', circle, onClick);
  map.on('mouseenter', circle, pointer);
  map.on('mouseleave', circle, plain);
  return () => {
    unregister();
    map.off('click', circle, onClick);
    map.off('mouseenter', circle, pointer);
    map.off('mouseleave', circle, plain);
  };
}
