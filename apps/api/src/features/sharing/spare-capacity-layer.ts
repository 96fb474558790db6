/** The spare-capacity map layer: ducts and pole spans in a bbox with a `spareClass`, and the spare paths. */
import {
  DEFAULT_MAX_SPAN_M,
  degreesFor,
  type LngLat,
  poleSpans,
  type SpareSegment,
  spareClassOf,
  sparePaths,
} from '@hatang/analysis';
import type { SpareFeature } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { type BBox, loadDucts, loadPoles } from './network-repository.js';

/** Most segments in one answer; a larger area is cut and says so (`truncated`). */
export const MAX_SPARE_FEATURES = 20_000;

export interface SpareLayerOptions {
  bbox: BBox;
  kinds?: readonly ('duct' | 'pole')[];
  maxSpanM?: number;
}

export async function spareCapacityLayer(sql: Sql, options: SpareLayerOptions) {
  const kinds = new Set(options.kinds ?? ['duct', 'pole']);
  const maxSpanM = options.maxSpanM ?? DEFAULT_MAX_SPAN_M;
  const [minLng, minLat, maxLng, maxLat] = options.bbox;
  const features: SpareFeature[] = [];
  const segments: SpareSegment[] = [];
  if (kinds.has('duct')) {
    for (const d of await loadDucts(sql, ['existing'], options.bbox)) {
      const tubesFree = d.tubesTotal - d.tubesUsed;
      const lengthM = Math.round(d.lengthM * 10) / 10;
      features.push({
        type: 'Feature',
        id: d.id,
        geometry: { type: 'LineString', coordinates: d.coordinates },
        properties: {
          kind: 'duct',
          code: d.code,
          ownerOrgId: d.ownerOrgId,
          tubesTotal: d.tubesTotal,
          tubesUsed: d.tubesUsed,
          tubesFree,
          lengthM,
          spareClass: spareClassOf(tubesFree),
        },
      });
      segments.push({
        id: d.id,
        kind: 'duct',
        ownerOrgId: d.ownerOrgId,
        coordinates: d.coordinates,
        lengthM,
        free: tubesFree,
      });
    }
  }
  if (kinds.has('pole')) {
    // Poles just outside the box still make the spans that cross its edge.
    const { dLng, dLat } = degreesFor(maxSpanM, (minLat + maxLat) / 2);
    const poles = await loadPoles(sql, [minLng - dLng, minLat - dLat, maxLng + dLng, maxLat + dLat]);
    const inside = (p: LngLat) => p[0] >= minLng && p[0] <= maxLng && p[1] >= minLat && p[1] <= maxLat;
    for (const s of poleSpans(poles, maxSpanM)) {
      if (!inside(s.coordinates[0]) && !inside(s.coordinates[1])) continue;
      const id = `${s.fromPoleId}:${s.toPoleId}`;
      features.push({
        type: 'Feature',
        id,
        geometry: { type: 'LineString', coordinates: s.coordinates },
        properties: {
          kind: 'pole_span',
          fromPoleId: s.fromPoleId,
          toPoleId: s.toPoleId,
          ownerOrgId: s.ownerOrgId,
          attachmentsFree: s.attachmentsFree,
          lengthM: s.lengthM,
          spareClass: spareClassOf(s.attachmentsFree),
        },
      });
      segments.push({
        id,
        kind: 'pole_span',
        ownerOrgId: s.ownerOrgId,
        coordinates: s.coordinates,
        lengthM: s.lengthM,
        free: s.attachmentsFree,
      });
    }
  }
  const truncated = features.length > MAX_SPARE_FEATURES;
  const paths = sparePaths(segments)
    .filter((p) => p.segmentIds.length > 1)
    .slice(0, 500);
  return {
    type: 'FeatureCollection' as const,
    features: truncated ? features.slice(0, MAX_SPARE_FEATURES) : features,
    truncated,
    /** Continuous spare paths (two or more segments end to end), longest first, at most 500. */
    paths,
  };
}
