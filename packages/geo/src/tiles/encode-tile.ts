/**
 * The JavaScript vector-tile encoder, for databases without ST_AsMVT (PGlite's PostGIS is built
 * without protobuf). Clips and quantises GeoJSON to one tile with @maplibre/geojson-vt and writes
 * Mapbox Vector Tile 2.1 protobuf with @maplibre/vt-pbf: the same extent and buffer as the
 * `ST_AsMVTGeom(geom, ST_TileEnvelope(z, x, y), 4096, 64, true)` the PostGIS path uses.
 */
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_BUFFER, TILE_EXTENT, type TileId } from './tile-math.js';

/** An MVT attribute value: strings, numbers and booleans (null and undefined are left out). */
export type TileValue = string | number | boolean | null | undefined;

/** A feature to encode: WGS 84 GeoJSON geometry (`[lng, lat]`) and flat attributes. */
export interface TileFeature {
  geometry: GeoJSON.Geometry;
  properties: Record<string, TileValue>;
}

/**
 * Encodes `features` as one MVT layer named `layer` for tile `tile`. Geometry is clipped to the
 * tile plus TILE_BUFFER units and snapped to the TILE_EXTENT grid; no simplification happens here
 * (the query simplifies, so both encoders see the same geometry). Returns the protobuf bytes; a
 * tile with no features is the empty message (0 bytes), which every MVT reader accepts.
 */
export function encodeTile(layer: string, tile: TileId, features: readonly TileFeature[]): Uint8Array {
  if (features.length === 0) return new Uint8Array();
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: Object.fromEntries(
        Object.entries(f.properties).filter(([, value]) => value !== null && value !== undefined),
      ),
    })),
  };
  const encoded = geoJSONToTile(collection, tile.z, tile.x, tile.y, {
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER,
    tolerance: 0,
    maxZoom: tile.z,
    clip: true,
    wrap: false,
  });
  if (!encoded || encoded.features.length === 0) return new Uint8Array();
  return fromGeojsonVt({ [layer]: encoded }, { version: 2, extent: TILE_EXTENT });
}
