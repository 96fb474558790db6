import type { CellGrid } from './cell-grid.js';

/** GeoJSON MultiPolygon coordinates: polygons → rings → `[lng, lat]` positions. */
export type MultiPolygonCoordinates = readonly (readonly (readonly (readonly number[])[])[])[];

/**
 * The cells whose centres lie inside `multiPolygon` (even-odd rule over all rings, so holes
 * are excluded). Candidates come from the grid's bucket index over each polygon's bbox.
 */
export function cellsInMultiPolygon(grid: CellGrid, multiPolygon: MultiPolygonCoordinates): Int32Array {
  const found = new Set<number>();
  const buffer = new Int32Array(grid.n);
  for (const polygon of multiPolygon) {
    let minLng = Infinity;
    let minLat = Infinity;
    let maxLng = -Infinity;
    let maxLat = -Infinity;
    for (const ring of polygon) {
      for (const p of ring) {
        const [x, y] = [p[0]!, p[1]!];
        if (x < minLng) minLng = x;
        if (x > maxLng) maxLng = x;
        if (y < minLat) minLat = y;
        if (y > maxLat) maxLat = y;
      }
    }
    const count = grid.inBox(minLng, minLat, maxLng, maxLat, buffer);
    for (let k = 0; k < count; k++) {
      const i = buffer[k]!;
      if (insidePolygon(polygon, grid.lng[i]!, grid.lat[i]!)) found.add(i);
    }
  }
  return Int32Array.from(found).sort();
}

/** Whether `[lng, lat]` lies inside `multiPolygon` (even-odd rule per polygon, so holes are out). */
export function pointInMultiPolygon(
  multiPolygon: MultiPolygonCoordinates,
  lng: number,
  lat: number,
): boolean {
  return multiPolygon.some((polygon) => insidePolygon(polygon, lng, lat));
}

/**
 * Even-odd ray casting, hand-written rather than Turf's `booleanPointInPolygon`: it runs once per
 * grid cell in each coverage polygon's box while the model is built (tens of thousands of cells
 * per polygon), the build tests/bench/coverage.bench.ts and indicators.bench.ts time, with no
 * GeoJSON wrapper per cell. The demo data has no coverage polygons, so neither bench times this
 * path against Turf yet.
 */
function insidePolygon(rings: readonly (readonly (readonly number[])[])[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const pa = ring[a]!;
      const pb = ring[b]!;
      const ya = pa[1]!;
      const yb = pb[1]!;
      if (ya > y !== yb > y && x < ((pb[0]! - pa[0]!) * (y - ya)) / (yb - ya) + pa[0]!) inside = !inside;
    }
  }
  return inside;
}
