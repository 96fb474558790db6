/**
 * Overhead cable cleanup: stretches of aerial cable that run alongside (≤ `distanceM`, default
 * 10 m) an existing duct with a spare tube or another sector's planned civil work — there the cable
 * can go underground into the spare tube, or into a duct laid with the works. Ranked by length ×
 * street priority (primary 3, secondary 2, local or none 1: the city tidies its main streets first).
 */
import Flatbush from 'flatbush';
import { alongsideRuns, nearLine } from './line-proximity.js';
import { type LngLat, lineBBox, planarFrame, pointLineM } from './metric.js';

export interface AerialCable {
  id: string;
  ownerOrgId: string;
  coordinates: readonly LngLat[];
}

export interface UndergroundTarget {
  id: string;
  kind: 'spare_duct' | 'planned_civil_work';
  coordinates: readonly LngLat[];
}

export interface StreetInput {
  id: string;
  name: string | null;
  streetClass: 'primary' | 'secondary' | 'local';
  coordinates: readonly LngLat[];
}

export const STREET_PRIORITY: Record<StreetInput['streetClass'], number> = {
  primary: 3,
  secondary: 2,
  local: 1,
};

export interface UndergroundingOptions {
  /** Default 10 m. */
  distanceM?: number;
  /** Shortest stretch worth listing, metres (default 20). */
  minLengthM?: number;
  /** A stretch belongs to the street within this distance of its middle, metres (default 30). */
  streetSearchM?: number;
}

export interface UndergroundingCandidate {
  rank: number;
  cableRouteId: string;
  ownerOrgId: string;
  coordinates: LngLat[];
  lengthM: number;
  streetId: string | null;
  streetName: string | null;
  streetClass: StreetInput['streetClass'] | null;
  streetPriority: number;
  /** lengthM × streetPriority. */
  score: number;
  spareDuctIds: string[];
  civilWorkIds: string[];
}

function lineIndex<T extends { coordinates: readonly LngLat[] }>(items: readonly T[]): Flatbush | undefined {
  if (items.length === 0) return undefined;
  const index = new Flatbush(items.length);
  for (const item of items) {
    const [a, b, c, d] = lineBBox(item.coordinates);
    index.add(a, b, c, d);
  }
  index.finish();
  return index;
}

export function undergroundingCandidates(
  cables: readonly AerialCable[],
  targets: readonly UndergroundTarget[],
  streets: readonly StreetInput[],
  options: UndergroundingOptions = {},
): UndergroundingCandidate[] {
  const distanceM = options.distanceM ?? 10;
  const minLengthM = options.minLengthM ?? 20;
  const streetSearchM = options.streetSearchM ?? 30;
  const targetIndex = lineIndex(targets);
  const streetIndex = lineIndex(streets);
  if (!targetIndex) return [];
  const out: Omit<UndergroundingCandidate, 'rank'>[] = [];
  for (const cable of cables) {
    const [minX, minY, maxX, maxY] = lineBBox(cable.coordinates);
    const frame = planarFrame((minY + maxY) / 2);
    const dx = distanceM / frame.kx;
    const dy = distanceM / frame.ky;
    const near = targetIndex.search(minX - dx, minY - dy, maxX + dx, maxY + dy).map((i) => ({
      target: targets[i] as UndergroundTarget,
      test: nearLine((targets[i] as UndergroundTarget).coordinates, distanceM, frame),
    }));
    if (near.length === 0) continue;
    const runs = alongsideRuns(cable.coordinates, (p) => near.some((n) => n.test(p)), frame);
    for (const run of runs) {
      if (run.lengthM < minLengthM) continue;
      // Which targets it runs beside: test the middle of each piece of the run.
      const probes: LngLat[] = [];
      for (let i = 1; i < run.coordinates.length; i++) {
        const a = run.coordinates[i - 1] as LngLat;
        const b = run.coordinates[i] as LngLat;
        probes.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
      }
      const beside = near.filter((n) => probes.some((p) => n.test(p))).map((n) => n.target);
      const middle = probes[Math.floor(probes.length / 2)] as LngLat;
      let street: StreetInput | undefined;
      let streetDistance = Number.POSITIVE_INFINITY;
      if (streetIndex) {
        const sx = streetSearchM / frame.kx;
        const sy = streetSearchM / frame.ky;
        for (const i of streetIndex.search(middle[0] - sx, middle[1] - sy, middle[0] + sx, middle[1] + sy)) {
          const s = streets[i] as StreetInput;
          const d = pointLineM(frame, middle, s.coordinates);
          const better =
            d <= streetSearchM &&
            (!street ||
              STREET_PRIORITY[s.streetClass] > STREET_PRIORITY[street.streetClass] ||
              (STREET_PRIORITY[s.streetClass] === STREET_PRIORITY[street.streetClass] && d < streetDistance));
          if (better) {
            street = s;
            streetDistance = d;
          }
        }
      }
      const streetPriority = street ? STREET_PRIORITY[street.streetClass] : 1;
      out.push({
        cableRouteId: cable.id,
        ownerOrgId: cable.ownerOrgId,
        coordinates: run.coordinates,
        lengthM: run.lengthM,
        streetId: street?.id ?? null,
        streetName: street?.name ?? null,
        streetClass: street?.streetClass ?? null,
        streetPriority,
        score: Math.round(run.lengthM * streetPriority * 10) / 10,
        spareDuctIds: beside
          .filter((t) => t.kind === 'spare_duct')
          .map((t) => t.id)
          .sort(),
        civilWorkIds: beside
          .filter((t) => t.kind === 'planned_civil_work')
          .map((t) => t.id)
          .sort(),
      });
    }
  }
  return out
    .sort((a, b) => b.score - a.score || a.cableRouteId.localeCompare(b.cableRouteId))
    .map((c, i) => ({ rank: i + 1, ...c }));
}
