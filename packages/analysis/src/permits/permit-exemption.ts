import { cite, DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig } from '@hatang/contracts';
import type { LngLat } from '../sharing/metric.js';
import { fmtM, type PermitCheck, type TowerFacts } from './check-types.js';

/** The joint circular on building passive telecom works; its exempting article was not read. */
const SOURCE = cite('jc-15-2016-ttlt-btttt-bxd');

/**
 * Permit exemption (legal: jc-15-2016-ttlt-btttt-bxd, article not read): a non-bulky A1 antenna
 * column installed on a building is exempt from a construction permit when the column is at most
 * 3 m high and at most 20 % of the building's height, or when it is camouflaged — as the Ministry
 * of Construction summarised the circular; the figures are configurable defaults. Anything else
 * needs a permit (`not_applicable` here: the exemption does not apply, which is no fault of the
 * application).
 */
export function permitExemptionCheck(
  at: LngLat,
  tower: TowerFacts,
  config: PermitCheckConfig = DEFAULT_PERMIT_CHECK_CONFIG,
): PermitCheck {
  const geometry = { type: 'Point' as const, coordinates: at };
  const { maxColumnHeightM, maxShareOfBuilding } = config.exemption;
  if (tower.towerClass !== 'A1' || tower.mounting !== 'rooftop') {
    return {
      check: 'permit-exemption',
      result: 'not_applicable',
      reason: {
        vi: 'Chỉ cột ăng-ten loại A1 lắp trên công trình mới có thể được miễn giấy phép xây dựng',
        en: 'Only an A1 antenna column on a building can be exempt from a construction permit',
      },
    };
  }
  if (tower.isCamouflaged) {
    return {
      check: 'permit-exemption',
      result: 'exempt',
      reason: {
        vi: `Cột ăng-ten A1 ngụy trang trên công trình: miễn giấy phép xây dựng (${SOURCE.vi})`,
        en: `A camouflaged A1 column on a building: exempt from a construction permit (${SOURCE.en})`,
      },
      geometry,
    };
  }
  const buildingM = tower.buildingHeightM ?? 0;
  const shareLimitM = buildingM * maxShareOfBuilding;
  const limitM = Math.min(maxColumnHeightM, shareLimitM);
  if (tower.heightM <= limitM) {
    return {
      check: 'permit-exemption',
      result: 'exempt',
      reason: {
        vi: `Cột A1 cao ${fmtM(tower.heightM, 'vi')} trên công trình ${fmtM(buildingM, 'vi')} (≤ ${fmtM(limitM, 'vi')}): miễn giấy phép xây dựng (${SOURCE.vi})`,
        en: `A ${fmtM(tower.heightM, 'en')} A1 column on a ${fmtM(buildingM, 'en')} building (≤ ${fmtM(limitM, 'en')}): exempt from a construction permit (${SOURCE.en})`,
      },
      geometry,
    };
  }
  return {
    check: 'permit-exemption',
    result: 'not_applicable',
    reason: {
      vi: `Cột A1 cao ${fmtM(tower.heightM, 'vi')} vượt ${fmtM(limitM, 'vi')} (≤ ${fmtM(maxColumnHeightM, 'vi')} và ≤ ${Math.round(maxShareOfBuilding * 100)} % chiều cao công trình): cần giấy phép xây dựng`,
      en: `A ${fmtM(tower.heightM, 'en')} A1 column exceeds ${fmtM(limitM, 'en')} (≤ ${fmtM(maxColumnHeightM, 'en')} and ≤ ${Math.round(maxShareOfBuilding * 100)} % of the building): a construction permit is needed`,
    },
    geometry,
  };
}
