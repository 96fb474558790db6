import { type CrsCode, transform } from '../crs.js';
import type { SourceGeometry } from './source-feature.js';

type Coords = number[] | Coords[];

/** Rounds WGS 84 degrees to 1e-7 (≈ 1 cm), the precision the API stores. */
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

function mapCoords(coords: Coords, fn: (p: [number, number]) => [number, number]): Coords {
  if (!Array.isArray(coords)) throw new Error('coordinates must be arrays');
  if (coords.length === 0) return coords;
  if (typeof coords[0] === 'number' || coords[0] === null) {
    const [x, y] = coords as number[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new Error(`position [${(coords as unknown[]).join(', ')}] is not two numbers`);
    }
    return fn([x, y]);
  }
  return (coords as Coords[]).map((c) => mapCoords(c, fn));
}

/**
 * The geometry in WGS 84 `[lng, lat]` (7 decimals, Z dropped) from `crs`. Throws with a message
 * a user can act on when the positions do not fit the CRS (e.g. metres read as degrees).
 */
export function toWgs84(geometry: SourceGeometry, crs: CrsCode): SourceGeometry {
  if (geometry.type === 'GeometryCollection')
    throw new Error('GeometryCollection is not supported: one geometry per row');
  const coordinates = mapCoords(geometry.coordinates as Coords, ([x, y]) => {
    if (crs === 'EPSG:4326') {
      if (Math.abs(x) > 180 || Math.abs(y) > 90) {
        throw new Error(
          `position [${x}, ${y}] is not longitude/latitude: the coordinates look projected (metres); choose the CRS (e.g. EPSG:9210, VN-2000 Hai Phong)`,
        );
      }
      return [round7(x), round7(y)];
    }
    const [lng, lat] = transform([x, y], crs, 'EPSG:4326');
    return [round7(lng), round7(lat)];
  });
  return { type: geometry.type, coordinates };
}

/** A one-part Multi* as its single part (Shapefiles and KML often wrap single lines), else unchanged. */
export function singlePart(geometry: SourceGeometry): SourceGeometry {
  const coords = geometry.coordinates;
  if (Array.isArray(coords) && coords.length === 1) {
    if (geometry.type === 'MultiPoint') return { type: 'Point', coordinates: coords[0] };
    if (geometry.type === 'MultiLineString') return { type: 'LineString', coordinates: coords[0] };
  }
  return geometry;
}
