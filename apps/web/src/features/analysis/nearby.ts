import type { CandidateSite, GapFeature } from './analysis-api';

const METRES_PER_DEGREE = 111_320;

/**
 * Candidate sites that could close `gap`: those in its commune, and those whose serving circle
 * reaches the gap's bounding box. In rank order.
 */
export function sitesNearGap(sites: readonly CandidateSite[], gap: GapFeature): CandidateSite[] {
  const [west, south, east, north] = gap.properties.bbox;
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  return sites.filter((site) => {
    if (site.unitCode === gap.properties.unitCode) return true;
    const [lng, lat] = site.position;
    const dLat = site.radiusM / METRES_PER_DEGREE;
    const dLng = site.radiusM / (METRES_PER_DEGREE * cos);
    return lng >= west - dLng && lng <= east + dLng && lat >= south - dLat && lat <= north + dLat;
  });
}

/** `[west, south, east, north]` of any GeoJSON coordinates (nested arrays of positions). */
export function coordinatesBbox(coordinates: unknown): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  const visit = (value: unknown) => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [x, y] = value as [number, number];
      box = box
        ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
        : [x, y, x, y];
      return;
    }
    for (const item of value) visit(item);
  };
  visit(coordinates);
  return box;
}
