import { DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig } from '@hatang/contracts';
import type { LngLat } from '../sharing/metric.js';
import { airportHeightCheck, aviationMarkingCheck } from './airport-height.js';
import type { PermitCheck, TowerFacts } from './check-types.js';
import { emfSafetyCheck } from './emf-safety.js';
import { permitExemptionCheck } from './permit-exemption.js';

/** An application as the checks see it: its kind, its geometry (`[lng, lat]`) and its facts. */
export type CheckedApplication =
  | { kind: 'tower'; geometry: { type: 'Point'; coordinates: LngLat }; details: TowerFacts }
  | {
      kind: 'pole_line' | 'duct_works';
      geometry: { type: 'LineString'; coordinates: LngLat[] };
      details: unknown;
    }
  | { kind: 'in_building'; geometry: { type: 'Point'; coordinates: LngLat }; details: unknown };

/**
 * The checks that need nothing but the application itself (airport height, aviation marking,
 * exemption, EMF). Tower-only checks answer `not_applicable` for line and in-building works.
 */
export function runSelfContainedChecks(
  application: CheckedApplication,
  config: PermitCheckConfig = DEFAULT_PERMIT_CHECK_CONFIG,
): PermitCheck[] {
  if (application.kind !== 'tower') {
    const na = (check: string): PermitCheck => ({
      check,
      result: 'not_applicable',
      reason: { vi: 'Chỉ áp dụng cho trạm/cột ăng-ten', en: 'Applies to towers only' },
    });
    return ['airport-height', 'aviation-marking', 'permit-exemption', 'emf-safety'].map(na);
  }
  const at = application.geometry.coordinates;
  const tower = application.details;
  return [
    airportHeightCheck(at, tower, config),
    aviationMarkingCheck(at, tower, config),
    permitExemptionCheck(at, tower, config),
    emfSafetyCheck(at, tower, config),
  ];
}
