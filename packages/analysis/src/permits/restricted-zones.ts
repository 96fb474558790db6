import {
  type CheckGeometry,
  fmtM,
  type PermitCheck,
  type TowerFacts,
  topAboveGroundM,
} from './check-types.js';

/** A plan zone the works touch (the caller finds them spatially: global zones and the approved version's). */
export interface TouchedZone {
  id: string;
  kind: string;
  name: string;
  rules: { maxHeightM?: number };
  geometry: CheckGeometry;
}

export type WorksKind = 'tower' | 'pole_line' | 'duct_works' | 'in_building';

/**
 * Restricted zones, as the city's passive infrastructure plan draws them (legal:
 * plan-317-2025-kh-ubnd V.1 asks the city to issue it): zones where towers are forbidden, must be
 * camouflaged, or cables must go underground; height-limited zones:
 * towers fail in `restricted` zones and above a `height_limited` zone's maxHeightM; pole lines
 * fail in `underground_only` zones; towers in `camouflage_required` zones warn (a condition)
 * unless camouflaged. In-building works (inside an existing building) are none of these:
 * `not_applicable`. The geometry is the first zone that decides the result.
 */
export function restrictedZonesCheck(
  kind: WorksKind,
  tower: TowerFacts | null,
  zones: readonly TouchedZone[],
): PermitCheck {
  if (kind === 'in_building') {
    return {
      check: 'restricted-zones',
      result: 'not_applicable',
      reason: {
        vi: 'Công trình trong tòa nhà hiện có: vùng hạn chế chỉ áp dụng cho trạm ăng-ten và tuyến cáp',
        en: 'Works inside an existing building: restricted zones apply to towers and cable routes',
      },
    };
  }
  const fails: { zone: TouchedZone; vi: string; en: string }[] = [];
  const warns: { zone: TouchedZone; vi: string; en: string }[] = [];
  for (const zone of zones) {
    if (kind === 'tower' && zone.kind === 'restricted') {
      fails.push({
        zone,
        vi: `cấm xây trạm trong vùng “${zone.name}”`,
        en: `no towers in the restricted zone “${zone.name}”`,
      });
    } else if (
      kind === 'tower' &&
      zone.kind === 'height_limited' &&
      tower &&
      zone.rules.maxHeightM !== undefined
    ) {
      const topM = topAboveGroundM(tower);
      if (topM > zone.rules.maxHeightM)
        fails.push({
          zone,
          vi: `cao ${fmtM(topM, 'vi')}, vượt ${fmtM(zone.rules.maxHeightM, 'vi')} của vùng “${zone.name}”`,
          en: `${fmtM(topM, 'en')} high, above the ${fmtM(zone.rules.maxHeightM, 'en')} limit of “${zone.name}”`,
        });
    } else if (kind === 'pole_line' && zone.kind === 'underground_only') {
      fails.push({
        zone,
        vi: `vùng “${zone.name}” chỉ cho phép cáp ngầm`,
        en: `“${zone.name}” allows underground cables only`,
      });
    } else if (kind === 'tower' && zone.kind === 'camouflage_required' && !tower?.isCamouflaged) {
      warns.push({
        zone,
        vi: `phải ngụy trang trong vùng “${zone.name}”`,
        en: `must be camouflaged in “${zone.name}”`,
      });
    }
  }
  const first = fails[0] ?? warns[0];
  if (!first) {
    return {
      check: 'restricted-zones',
      result: 'pass',
      reason: { vi: 'Không nằm trong vùng hạn chế nào', en: 'In no restricted zone' },
    };
  }
  const list = fails.length ? fails : warns;
  return {
    check: 'restricted-zones',
    result: fails.length ? 'fail' : 'warn',
    reason: { vi: list.map((l) => l.vi).join('; '), en: list.map((l) => l.en).join('; ') },
    geometry: first.zone.geometry,
  };
}
