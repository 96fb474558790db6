import {
  type AssetDefinition,
  type AssetPath,
  type AssetPropertiesOf,
  assetResources,
  type ResourceDefinition,
  streets,
} from '@hatang/contracts';

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

/** How one asset kind's tile layer is made. */
interface AssetTileSettings<P extends AssetPath> {
  /** Zoom from which the layer has data: dense layers only once streets are readable. */
  minzoom: number;
  /** The attribute that tells the layer's features apart on the map at low zoom. */
  classAttribute: keyof AssetPropertiesOf<P> & string;
  /** The web app colours the layer by owner at every zoom it draws it (from tiles below the detail zoom). */
  ownerColoured: boolean;
}

/** Every asset kind's tile settings (a kind added to contracts without an entry does not compile). */
const ASSET_TILES: { [P in AssetPath]: AssetTileSettings<P> } = {
  towers: { minzoom: 8, classAttribute: 'towerClass', ownerColoured: false },
  poles: { minzoom: 12, classAttribute: 'ownerSector', ownerColoured: true },
  manholes: { minzoom: 12, classAttribute: 'manholeType', ownerColoured: true },
  ducts: { minzoom: 11, classAttribute: 'status', ownerColoured: true },
  'trenches-tunnels': { minzoom: 10, classAttribute: 'kind', ownerColoured: false },
  'cable-routes': { minzoom: 8, classAttribute: 'placement', ownerColoured: true },
  'submarine-cables': { minzoom: 4, classAttribute: 'name', ownerColoured: false },
  'landing-stations': { minzoom: 4, classAttribute: 'name', ownerColoured: false },
  'wifi-points': { minzoom: 10, classAttribute: 'siteType', ownerColoured: false },
  'data-centres': { minzoom: 6, classAttribute: 'greenCertification', ownerColoured: false },
  'street-devices': { minzoom: 12, classAttribute: 'deviceType', ownerColoured: false },
  'in-building-systems': { minzoom: 11, classAttribute: 'complianceStatus', ownerColoured: false },
  'civil-works': { minzoom: 10, classAttribute: 'sector', ownerColoured: false },
};

const assetLayer = (definition: AssetDefinition): TileLayer => {
  const settings: { minzoom: number; classAttribute: string; ownerColoured: boolean } =
    ASSET_TILES[definition.path];
  return {
    id: definition.path,
    title: definition.labels.en,
    minzoom: settings.minzoom,
    maxzoom: 16,
    geometryType: definition.geometryType === 'Point' ? 'Point' : 'LineString',
    source: { kind: 'resource', definition },
    lowZoomAttributes: [
      ...new Set([
        'id',
        'status',
        settings.classAttribute,
        ...(settings.ownerColoured ? ['ownerOrgId'] : []),
      ]),
    ],
    detailZoom: 14,
  };
};

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
