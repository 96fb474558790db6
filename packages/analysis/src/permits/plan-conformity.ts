import { type CheckGeometry, fmtM, type PermitCheck } from './check-types.js';
import type { WorksKind } from './restricted-zones.js';

/** A plan item of the approved version near the works, with its distance (m; 0 when it contains them). */
export interface NearbyPlanItem {
  id: string;
  kind: string;
  name: string | null;
  distanceM: number;
  /** For line works: whether the whole line lies within the configured corridor of this item. */
  coversWorks: boolean;
  geometry: CheckGeometry;
}

/** Plan item kinds that admit each kind of works. */
const ADMITTING: Record<WorksKind, readonly string[]> = {
  tower: ['tower_area', 'tower_site'],
  pole_line: ['pole_line_build'],
  duct_works: ['duct_route', 'trench', 'tunnel', 'undergrounding'],
  in_building: [],
};

/**
 * Plan conformity: telecom works follow the approved passive infrastructure plan, which legal:
 * plan-317-2025-kh-ubnd V.1 asks the city to issue (the planning laws' text was not read). A tower passes inside an approved tower_area or within
 * `towerSiteToleranceM` of an approved tower_site; line works pass when they lie along an
 * approved route of their kind (within the corridor). Otherwise "not in the approved plan"
 * (fail). With no approved plan version there is nothing to conform to: `not_applicable`, and the
 * zone check alone applies. In-building works are inside an existing building, which the plan of
 * outdoor passive infrastructure does not draw: `not_applicable`.
 */
export function planConformityCheck(
  kind: WorksKind,
  hasApprovedPlan: boolean,
  nearby: readonly NearbyPlanItem[],
  towerSiteToleranceM: number,
): PermitCheck {
  if (kind === 'in_building') {
    return {
      check: 'plan-conformity',
      result: 'not_applicable',
      reason: {
        vi: 'Công trình trong tòa nhà hiện có: quy hoạch hạ tầng ngoài trời không áp dụng',
        en: 'Works inside an existing building: the plan of outdoor infrastructure does not apply',
      },
    };
  }
  if (!hasApprovedPlan) {
    return {
      check: 'plan-conformity',
      result: 'not_applicable',
      reason: {
        vi: 'Chưa có quy hoạch được phê duyệt: chỉ kiểm tra theo các vùng quy hoạch',
        en: 'No approved plan version: checked against plan zones only',
      },
    };
  }
  const admitting = nearby
    .filter((i) => ADMITTING[kind].includes(i.kind))
    .filter((i) =>
      kind === 'tower'
        ? i.kind === 'tower_area'
          ? i.distanceM === 0
          : i.distanceM <= towerSiteToleranceM
        : i.coversWorks,
    )
    .sort((a, b) => a.distanceM - b.distanceM);
  const match = admitting[0];
  if (match) {
    const label = match.name ? `“${match.name}”` : match.kind;
    return {
      check: 'plan-conformity',
      result: 'pass',
      reason: {
        vi: `Phù hợp quy hoạch được phê duyệt (${label}, cách ${fmtM(Math.round(match.distanceM), 'vi')})`,
        en: `In the approved plan (${label}, ${fmtM(Math.round(match.distanceM), 'en')} away)`,
      },
      geometry: match.geometry,
    };
  }
  return {
    check: 'plan-conformity',
    result: 'fail',
    reason: { vi: 'Không có trong quy hoạch được phê duyệt', en: 'Not in the approved plan' },
  };
}
