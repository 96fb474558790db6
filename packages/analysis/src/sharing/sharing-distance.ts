/**
 * The tower-sharing distance: inside it, a new antenna tower must share an existing one with free
 * capacity instead of being built.
 *
 * Hai Duong's Decision 26/2018/QĐ-UBND (on the shared use of passive telecom infrastructure) sets
 * 100 m between towers in urban areas (phường, thị trấn) and 400 m elsewhere; Hanoi's rule uses
 * 100 m / 500 m. Hai Phong has absorbed the former Hai Duong province (2025), so its figures are
 * the default; both are parameters of every request. Urban = a ward (`admin_units.unit_type` =
 * 'ward'); communes, special zones and points outside every unit (at sea) use the other figure.
 */
import type { AdminUnitType } from '../coverage/cell-grid.js';

export interface SharingDistanceRule {
  /** Sharing distance in wards, metres. */
  urbanM: number;
  /** Sharing distance in communes and special zones, metres. */
  otherM: number;
}

/** QĐ 26/2018/QĐ-UBND (Hai Duong): 100 m in urban wards, 400 m elsewhere. */
export const DEFAULT_SHARING_DISTANCE: Readonly<SharingDistanceRule> = Object.freeze({
  urbanM: 100,
  otherM: 400,
});

/** Hanoi's figures (100 m urban, 500 m elsewhere), for comparison and as an alternative preset. */
export const HANOI_SHARING_DISTANCE: Readonly<SharingDistanceRule> = Object.freeze({
  urbanM: 100,
  otherM: 500,
});

/** The sharing distance in metres for a place of this unit type (null: outside every unit). */
export function sharingDistanceM(
  unitType: AdminUnitType | null | undefined,
  rule: SharingDistanceRule = DEFAULT_SHARING_DISTANCE,
): number {
  return unitType === 'ward' ? rule.urbanM : rule.otherM;
}
