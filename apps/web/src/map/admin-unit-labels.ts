import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import type { AdminUnitCollection, AdminUnitProperties } from '../lib/types';

/** Shoelace area of a ring in square degrees: only for comparing parts of one unit. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += (xj - xi) * (yj + yi);
  }
  return Math.abs(sum / 2);
}

/**
 * Each unit reduced to its largest polygon, for labelling: MapLibre labels every part of a
 * MultiPolygon, which would repeat "Cát Hải" on each of its islands.
 */
export function labelPolygons(units: AdminUnitCollection): FeatureCollection<Polygon, AdminUnitProperties> {
  const features: Array<Feature<Polygon, AdminUnitProperties>> = [];
  for (const unit of units.features) {
    const parts = unit.geometry.coordinates;
    let best: Position[][] | undefined;
    let bestArea = -1;
    for (const part of parts) {
      const area = ringArea(part[0] ?? []);
      if (area > bestArea) {
        best = part;
        bestArea = area;
      }
    }
    if (best)
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: best },
        properties: unit.properties,
      });
  }
  return { type: 'FeatureCollection', features };
}
