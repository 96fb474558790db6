import type { PlanCheckResult, Position } from '@hatang/contracts';
import { type LandIndex, landSiting } from './land-index.js';

/**
 * How far inland a landing station may stand before it is flagged, metres. A beach manhole and the
 * station are usually within a few hundred metres of the shore; 1 km also absorbs the coarseness of
 * the basemap coastline (OSM-derived land polygons simplified to ~5 decimals).
 */
export const LANDING_STATION_MAX_INLAND_M = 1000;

export type LandingStationVerdict =
  | { ok: false; message: string; distanceToCoastM: number }
  | { ok: true; results: PlanCheckResult[]; distanceToCoastM: number };

/**
 * Landing stations must be on land near the coast: at sea → not acceptable (`ok: false`); on land
 * but more than `maxInlandM` from the coastline → accepted with a warning.
 */
export function checkLandingStation(
  point: Position,
  land: LandIndex,
  maxInlandM = LANDING_STATION_MAX_INLAND_M,
): LandingStationVerdict {
  const { isOnLand, distanceToCoastM } = landSiting(point, land);
  const rounded = Math.round(distanceToCoastM);
  if (!isOnLand) {
    return {
      ok: false,
      distanceToCoastM: rounded,
      message: `a landing station must be on land: this point is at sea, ${rounded} m from the coast`,
    };
  }
  const results: PlanCheckResult[] =
    distanceToCoastM > maxInlandM
      ? [
          {
            check: 'landing_station_inland',
            severity: 'warning',
            message: `The landing station is ${rounded} m inland, more than ${maxInlandM} m from the coast`,
            distanceM: rounded,
          },
        ]
      : [];
  return { ok: true, results, distanceToCoastM: rounded };
}
