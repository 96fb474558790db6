import { cite, DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig } from '@hatang/contracts';
import { lineString, nearestPointOnLine } from '@turf/turf';
import { localDistanceM } from '../coverage/local-metric.js';
import type { LngLat } from '../sharing/metric.js';
import { fmtM, type PermitCheck, type TowerFacts, topAboveGroundM } from './check-types.js';

/** Art. 5: airports define obstacle limitation surfaces (read; their dimensions, in its appendices, not). */
const SURFACES = cite('decree-32-2016-nd-cp', '5');
/** Art. 7(1)(b)–(c): obstacles of 45 m and more carry aviation warning (read). */
const WARNING = cite('decree-32-2016-nd-cp', '7(1)(b)-(c)');

/**
 * The height limit (m above the aerodrome elevation) at `distanceM` from the airport reference
 * point, or null outside the surfaces. Obstacle limitation surfaces (legal: decree-32-2016-nd-cp
 * art. 5; legal: icao-annex-14, not read), simplified to an inner horizontal surface (a circle) and
 * a conical surface around it, their dimensions configurable defaults.
 */
export function airportHeightLimitM(distanceM: number, config: PermitCheckConfig['airport']): number | null {
  if (distanceM <= config.innerRadiusM) return config.innerHeightM;
  if (distanceM <= config.conicalOuterRadiusM)
    return config.innerHeightM + (distanceM - config.innerRadiusM) * config.conicalSlope;
  return null;
}

/**
 * The distance (m) from the airport to `at`, and the point it is measured from: the reference
 * point, or the nearest point of the runway centreline when its thresholds are configured.
 *
 * The foot on the centreline is Turf's `nearestPointOnLine`; the distance stays the ellipsoidal
 * {@link localDistanceM} (under 1 mm from PostGIS `geography` at these ranges). Turf's sphere
 * reads 0.4 % long north–south at 21° N, about 20 m at 5 km, which would lift the conical
 * surface's limit by 1 m and pass a tower the surface forbids.
 */
export function airportDistance(
  at: LngLat,
  airport: PermitCheckConfig['airport'],
): { distanceM: number; from: LngLat } {
  const runway = airport.runwayThresholds;
  if (!runway) return { distanceM: localDistanceM(airport.referencePoint, at), from: airport.referencePoint };
  const [a, b] = runway;
  const foot = nearestPointOnLine(lineString([[...a], [...b]]), [...at]).geometry.coordinates;
  const from: LngLat = [foot[0] ?? a[0], foot[1] ?? a[1]];
  return { distanceM: localDistanceM(from, at), from };
}

/**
 * Airport height: a tower whose top rises above Cát Bi's inner horizontal or conical surface
 * fails (legal: decree-32-2016-nd-cp art. 5). Its geometry is the line from the airport reference
 * point to the site.
 */
export function airportHeightCheck(
  at: LngLat,
  tower: TowerFacts,
  config: PermitCheckConfig = DEFAULT_PERMIT_CHECK_CONFIG,
): PermitCheck {
  const airport = config.airport;
  const { distanceM, from } = airportDistance(at, airport);
  const limitM = airportHeightLimitM(distanceM, airport);
  const geometry = { type: 'LineString' as const, coordinates: [from, at] };
  if (limitM === null) {
    return {
      check: 'airport-height',
      result: 'not_applicable',
      reason: {
        vi: `Cách điểm quy chiếu sân bay Cát Bi ${fmtM(distanceM, 'vi')}, ngoài bề mặt giới hạn chướng ngại vật`,
        en: `${fmtM(distanceM, 'en')} from Cát Bi's reference point, outside the obstacle limitation surfaces`,
      },
    };
  }
  const topM = topAboveGroundM(tower) + airport.groundAboveAerodromeM;
  const within = topM <= limitM;
  return {
    check: 'airport-height',
    result: within ? 'pass' : 'fail',
    reason: within
      ? {
          vi: `Đỉnh công trình ${fmtM(topM, 'vi')} không vượt giới hạn ${fmtM(limitM, 'vi')} tại ${fmtM(distanceM, 'vi')} từ sân bay Cát Bi`,
          en: `The top at ${fmtM(topM, 'en')} is within the ${fmtM(limitM, 'en')} limit at ${fmtM(distanceM, 'en')} from Cát Bi airport`,
        }
      : {
          vi: `Đỉnh công trình ${fmtM(topM, 'vi')} vượt giới hạn độ cao ${fmtM(limitM, 'vi')} tại ${fmtM(distanceM, 'vi')} từ sân bay Cát Bi (${SURFACES.vi})`,
          en: `The top at ${fmtM(topM, 'en')} exceeds the ${fmtM(limitM, 'en')} height limit at ${fmtM(distanceM, 'en')} from Cát Bi airport (${SURFACES.en})`,
        },
    geometry,
  };
}

/** Structures of 45 m and more carry aviation warning, a condition (legal: decree-32-2016-nd-cp art. 7(1)(b)-(c)). */
export function aviationMarkingCheck(
  at: LngLat,
  tower: TowerFacts,
  config: PermitCheckConfig = DEFAULT_PERMIT_CHECK_CONFIG,
): PermitCheck {
  const topM = topAboveGroundM(tower);
  const needed = topM >= config.aviationMarkingFromM;
  return {
    check: 'aviation-marking',
    result: needed ? 'warn' : 'pass',
    reason: needed
      ? {
          vi: `Công trình cao ${fmtM(topM, 'vi')} (≥ ${fmtM(config.aviationMarkingFromM, 'vi')}): phải sơn tín hiệu và lắp đèn báo hiệu hàng không (${WARNING.vi})`,
          en: `A ${fmtM(topM, 'en')} structure (≥ ${fmtM(config.aviationMarkingFromM, 'en')}) needs aviation marking and lighting (${WARNING.en})`,
        }
      : {
          vi: `Công trình cao ${fmtM(topM, 'vi')}, dưới ${fmtM(config.aviationMarkingFromM, 'vi')}: không cần báo hiệu hàng không`,
          en: `A ${fmtM(topM, 'en')} structure, below ${fmtM(config.aviationMarkingFromM, 'en')}: no aviation marking needed`,
        },
    geometry: { type: 'Point', coordinates: at },
  };
}
