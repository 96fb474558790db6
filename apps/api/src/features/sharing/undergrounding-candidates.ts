/** Loads the undergrounding inputs: existing aerial cables, spare ducts, planned civil works, streets. */
import { degreesFor, type UndergroundingCandidate, undergroundingCandidates } from '@hatang/analysis';
import type { Sql } from '@hatang/db';
import { type BBox, loadCableRoutes, loadCivilWorks, loadDucts, loadStreets } from './network-repository.js';

export async function findUndergroundingCandidates(
  sql: Sql,
  options: { distanceM: number; minLengthM: number; bbox?: BBox },
): Promise<(UndergroundingCandidate & { code: string })[]> {
  // Targets and streets just outside the box still count for cables inside it.
  const grown = (bbox: BBox | undefined, m: number): BBox | undefined => {
    if (!bbox) return undefined;
    const { dLng, dLat } = degreesFor(m, (bbox[1] + bbox[3]) / 2);
    return [bbox[0] - dLng, bbox[1] - dLat, bbox[2] + dLng, bbox[3] + dLat];
  };
  const [cables, ducts, works, streets] = await Promise.all([
    loadCableRoutes(sql, { statuses: ['existing'], placements: ['aerial'] }, options.bbox),
    loadDucts(sql, ['existing'], grown(options.bbox, options.distanceM)),
    loadCivilWorks(sql, grown(options.bbox, options.distanceM)),
    loadStreets(sql, grown(options.bbox, 50)),
  ]);
  const codes = new Map(cables.map((c) => [c.id, c.code]));
  const candidates = undergroundingCandidates(
    cables,
    [
      ...ducts
        .filter((d) => d.tubesTotal > d.tubesUsed)
        .map((d) => ({ id: d.id, kind: 'spare_duct' as const, coordinates: d.coordinates })),
      ...works.map((w) => ({ id: w.id, kind: 'planned_civil_work' as const, coordinates: w.coordinates })),
    ],
    streets,
    options,
  );
  return candidates.map((c) => ({ ...c, code: codes.get(c.cableRouteId) ?? '' }));
}
