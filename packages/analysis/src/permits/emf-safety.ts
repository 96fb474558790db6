import { cite, DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig } from '@hatang/contracts';
import type { LngLat } from '../sharing/metric.js';
import {
  circlePolygon,
  fmtM,
  fmtNumber,
  type PermitCheck,
  type TowerFacts,
  topAboveGroundM,
} from './check-types.js';

/**
 * The far-field distance (m) at which the power density S = EIRP / (4πr²) falls to `limitWPerM2`:
 * r = √(EIRP / (4π·limit)).
 */
export function emfSafeDistanceM(eirpW: number, limitWPerM2: number): number {
  return Math.sqrt(eirpW / (4 * Math.PI * limitWPerM2));
}

/** The EMF regulation for base stations; its text (and limit) was not read. */
const QCVN = cite('qcvn-8-2022-btttt');

/**
 * EMF safety distance (advisory). legal: qcvn-8-2022-btttt (text not read) sets the public
 * exposure limit for base stations in 110 MHz–6 GHz; the limit used, 2 W/m², is a configurable
 * default. The distance where the declared EIRP falls to that limit is compared with the
 * antenna's height above the ground and the declared distance to the nearest building: both must
 * be at least that distance, otherwise a warning (a measurement or a smaller EIRP may be asked).
 * Its geometry is the circle of the safe distance around the tower.
 */
export function emfSafetyCheck(
  at: LngLat,
  tower: TowerFacts,
  config: PermitCheckConfig = DEFAULT_PERMIT_CHECK_CONFIG,
): PermitCheck {
  const safeM = emfSafeDistanceM(tower.eirpW, config.emfPublicLimitWPerM2);
  const antennaM = topAboveGroundM(tower);
  const ok = safeM <= antennaM && safeM <= tower.nearestBuildingM;
  const facts = {
    vi: `khoảng cách an toàn ${fmtM(safeM, 'vi')} (EIRP ${fmtNumber(tower.eirpW, 'vi')} W, giới hạn mặc định ${fmtNumber(config.emfPublicLimitWPerM2, 'vi')} W/m²); ăng-ten cao ${fmtM(antennaM, 'vi')}, nhà gần nhất cách ${fmtM(tower.nearestBuildingM, 'vi')}`,
    en: `safe distance ${fmtM(safeM, 'en')} (EIRP ${fmtNumber(tower.eirpW, 'en')} W, default limit ${fmtNumber(config.emfPublicLimitWPerM2, 'en')} W/m²); antenna at ${fmtM(antennaM, 'en')}, nearest building ${fmtM(tower.nearestBuildingM, 'en')} away`,
  };
  return {
    check: 'emf-safety',
    result: ok ? 'pass' : 'warn',
    reason: ok
      ? { vi: `Đạt (${QCVN.vi}): ${facts.vi}`, en: `Within ${QCVN.en}: ${facts.en}` }
      : { vi: `Cần xem xét (${QCVN.vi}): ${facts.vi}`, en: `To review (${QCVN.en}): ${facts.en}` },
    geometry: circlePolygon(at, safeM),
  };
}
