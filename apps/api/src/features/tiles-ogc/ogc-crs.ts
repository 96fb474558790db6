import { type CrsCode, transform } from '@hatang/geo';

/**
 * OGC API – Features Part 2 (CRS by reference): the CRSs the items can be delivered in. CRS84 is
 * WGS 84 in [lng, lat] order (the default); EPSG:9210 is VN-2000 / TM-3 105°45′, Hai Phong's
 * zone, in metres with axis order easting, northing (as EPSG defines it).
 */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG_9210 = 'http://www.opengis.net/def/crs/EPSG/0/9210';

const CODES = new Map<string, CrsCode>([
  [CRS84, 'EPSG:4326'],
  [EPSG_9210, 'EPSG:9210'],
]);

/** The CRS URIs a collection offers (`crs` of /collections/{id}). */
export const SUPPORTED_CRS_URIS = [CRS84, EPSG_9210];

/** The @hatang/geo code for a CRS URI, or undefined if not offered. */
export const crsCodeOf = (uri: string): CrsCode | undefined => CODES.get(uri);

type Position = number[];
type Coordinates = Position | Coordinates[];

function mapPositions(coordinates: Coordinates, to: CrsCode): Coordinates {
  if (typeof coordinates[0] === 'number') {
    const [x, y] = transform([coordinates[0], (coordinates as Position)[1] ?? 0], 'EPSG:4326', to);
    // Centimetres: the precision a survey in VN-2000 carries.
    return [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
  }
  return (coordinates as Coordinates[]).map((c) => mapPositions(c, to));
}

/** A GeoJSON geometry in WGS 84 re-expressed in `to` (unchanged for EPSG:4326). */
export function reprojectGeometry(geometry: unknown, to: CrsCode): unknown {
  if (to === 'EPSG:4326' || typeof geometry !== 'object' || geometry === null) return geometry;
  const g = geometry as { type: string; coordinates?: Coordinates; geometries?: unknown[] };
  if (g.geometries) return { ...g, geometries: g.geometries.map((inner) => reprojectGeometry(inner, to)) };
  return g.coordinates ? { ...g, coordinates: mapPositions(g.coordinates, to) } : g;
}

/** A bbox given in `from` as a WGS 84 [minLng, minLat, maxLng, maxLat] covering it. */
export function bboxToWgs84(
  bbox: [number, number, number, number],
  from: CrsCode,
): [number, number, number, number] {
  if (from === 'EPSG:4326') return bbox;
  const [minX, minY, maxX, maxY] = bbox;
  const corners = [
    [minX, minY],
    [minX, maxY],
    [maxX, minY],
    [maxX, maxY],
  ].map(([x, y]) => transform([x ?? 0, y ?? 0], from, 'EPSG:4326'));
  const lngs = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}
