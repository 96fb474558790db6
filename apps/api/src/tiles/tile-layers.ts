import { assetResources, type ResourceDefinition, streets } from '@hatang/contracts';

/**
 * One vector-tile layer: its name (URL segment and MVT layer name), zooms, and which attributes
 * it carries at which zoom. Below `detailZoom` a tile carries `lowZoomAttributes` only (enough to
 * style and to click through to the feature); from `detailZoom` on, every attribute the viewer
 * may see.
 */
export interface TileLayer {
  id: string;
  title: string;
  /** Lowest zoom with data; tiles below it are empty. */
  minzoom: number;
  /** Highest zoom the TileJSON advertises (clients over-zoom past it). */
  maxzoom: number;
  geometryType: 'Point' | 'LineString' | 'Polygon';
  source:
    | { kind: 'resource'; definition: ResourceDefinition }
    | { kind: 'admin-units' }
    | { kind: 'population' };
  lowZoomAttributes: readonly string[];
  detailZoom: number;
}

/** The attribute that tells a layer's features apart on the map at low zoom. */
const CLASS_ATTRIBUTE: Record<string, string> = {
  towers: 'towerClass',
  poles: 'ownerSector',
  manholes: 'manholeType',
  ducts: 'status',
  'trenches-tunnels': 'kind',
  'cable-routes': 'placement',
  'submarine-cables': 'name',
  'landing-stations': 'name',
  'wifi-points': 'siteType',
  'civil-works': 'sector',
};

/** Zoom from which an asset layer has data: dense layers only once streets are readable. */
const ASSET_MINZOOM: Record<string, number> = {
  towers: 8,
  poles: 12,
  manholes: 12,
  ducts: 11,
  'trenches-tunnels': 10,
  'cable-routes': 8,
  'submarine-cables': 4,
  'landing-stations': 4,
  'wifi-points': 10,
  'civil-works': 10,
};

/** Layers the web app colours by owner at every zoom it draws them (from tiles below the detail zoom). */
const OWNER_COLOURED = new Set(['poles', 'manholes', 'ducts', 'cable-routes']);

const assetLayer = (definition: ResourceDefinition): TileLayer => ({
  id: definition.path,
  title: definition.labels.en,
  minzoom: ASSET_MINZOOM[definition.path] ?? 10,
  maxzoom: 16,
  geometryType: definition.geometryType === 'Point' ? 'Point' : 'LineString',
  source: { kind: 'resource', definition },
  lowZoomAttributes: [
    ...new Set([
      'id',
      'status',
      CLASS_ATTRIBUTE[definition.path] ?? 'status',
      ...(OWNER_COLOURED.has(definition.path) ? ['ownerOrgId'] : []),
    ]),
  ],
  detailZoom: 14,
});

export const TILE_LAYERS: readonly TileLayer[] = [
  ...assetResources.map(assetLayer),
  {
    id: 'streets',
    title: streets.labels.en,
    minzoom: 10,
    maxzoom: 16,
    geometryType: 'LineString',
    source: { kind: 'resource', definition: streets },
    // The id lets a click open the street's panel at any zoom.
    lowZoomAttributes: ['id', 'streetClass'],
    detailZoom: 14,
  },
  {
    id: 'admin-units',
    title: 'Administrative units (communes, wards, special zones)',
    minzoom: 6,
    maxzoom: 14,
    geometryType: 'Polygon',
    source: { kind: 'admin-units' },
    lowZoomAttributes: ['code', 'name', 'unitType'],
    detailZoom: 10,
  },
  {
    id: 'population',
    title: 'Population (100 m grid, summed into coarser cells at lower zooms)',
    minzoom: 8,
    maxzoom: 14,
    geometryType: 'Polygon',
    source: { kind: 'population' },
    lowZoomAttributes: ['populationCount', 'populationPerKm2'],
    detailZoom: 14,
  },
];

const BY_ID = new Map(TILE_LAYERS.map((layer) => [layer.id, layer]));

/** The tile layer named `id`, or undefined. */
export const tileLayer = (id: string) => BY_ID.get(id);
