/**
 * Web Mercator (XYZ, EPSG:3857) tile arithmetic: which tiles exist, what area a tile covers, and
 * how coarse a tile's pixels are. Positions are `[lng, lat]` in WGS 84 degrees.
 */

/** One XYZ tile: zoom, column (west → east), row (north → south). */
export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** `[minLng, minLat, maxLng, maxLat]` in WGS 84 degrees. */
export type LngLatBBox = [number, number, number, number];

/** The deepest zoom the tile routes accept (MapLibre over-zooms beyond what a TileJSON offers). */
export const MAX_TILE_ZOOM = 22;
/** Tile coordinate space of the encoded tiles (the MVT default). */
export const TILE_EXTENT = 4096;
/** Tile units drawn around each tile so lines and symbols do not break at its edges. */
export const TILE_BUFFER = 64;

/** True when z/x/y names a tile of the XYZ pyramid (whole numbers, x and y within 0 … 2^z − 1). */
export function isValidTile({ z, x, y }: TileId): boolean {
  if (![z, x, y].every(Number.isInteger) || z < 0 || z > MAX_TILE_ZOOM) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

/** Longitude of the western edge of tile column `x` at zoom `z`, degrees. */
export const tileToLng = (x: number, z: number) => (x / 2 ** z) * 360 - 180;

/** Latitude of the northern edge of tile row `y` at zoom `z`, degrees (Web Mercator). */
export function tileToLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/**
 * The WGS 84 bbox of a tile, grown by `margin` tile widths on every side (e.g.
 * TILE_BUFFER / TILE_EXTENT to fetch what the buffer shows). Latitudes are clamped to ±85.0511°.
 */
export function tileBBox({ z, x, y }: TileId, margin = 0): LngLatBBox {
  return [
    Math.max(-180, tileToLng(x - margin, z)),
    tileToLat(Math.min(2 ** z, y + 1 + margin), z),
    Math.min(180, tileToLng(x + 1 + margin, z)),
    tileToLat(Math.max(0, y - margin), z),
  ];
}

/** Width of one tile in degrees of longitude at zoom `z`. */
export const tileWidthDeg = (z: number) => 360 / 2 ** z;

/**
 * Size of one tile unit (1/TILE_EXTENT of the tile width) in degrees of longitude: the
 * simplification tolerance that changes nothing the tile can show.
 */
export const tileUnitDeg = (z: number) => tileWidthDeg(z) / TILE_EXTENT;

/** The tile containing `[lng, lat]` at zoom `z`. */
export function lngLatToTile([lng, lat]: readonly [number, number], z: number): TileId {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}
