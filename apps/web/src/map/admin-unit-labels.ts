import { area } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import type { AdminUnitCollection, AdminUnitProperties } from '../lib/types';

/**
 * Each unit reduced to its largest polygon, for labelling: MapLibre labels every part of a
 * MultiPolygon, which would repeat "Cát Hải" on each of its islands.
 */
export function labelPolygons(units: AdminUnitCollection): FeatureCollection<Polygon, AdminUnitProperties> {
  const features: Array<Feature<Polygon, AdminUnitProperties>> = [];
  for (const unit of units.features) {
    const parts = unit.geometry.coordinates;
    let best: Position[][] | undefined;
    let bestAreaM2 = -1;
    for (const part of parts) {
      // The outer ring's area (Turf, m²), holes aside: the part that looks largest on the map.
      const partAreaM2 = area({ type: 'Polygon', coordinates: [part[0] ?? []] });
      if (partAreaM2 > bestAreaM2) {
        best = part;
        bestAreaM2 = partAreaM2;
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
