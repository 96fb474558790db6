/**
 * The tower-sharing distance: inside it, a new antenna tower must share an existing one with free
 * capacity instead of being built.
 *
 * Hai Duong's rules on telecom infrastructure (legal: hd-qd-26-2018, article not read) keep a new
 * column 100 m from existing ones in urban areas and 400 m outside them, as the province's
 * newspaper reported them. Hai Phong has absorbed the former Hai Duong province (2025), so these
 * figures are the configurable defaults; both are parameters of every request. The Hanoi preset
 * (100 m / 500 m) cites no document read for this project. Urban = a ward (`admin_units.unit_type` =
 * 'ward'); communes, special zones and points outside every unit (at sea) use the other figure.
 */
import type { AdminUnitType } from '../coverage/cell-grid.js';

export interface SharingDistanceRule {
  /** Sharing distance in wards, metres. */
  urbanM: number;
  /** Sharing distance in communes and special zones, metres. */
  otherM: number;
}

/** legal: hd-qd-26-2018 (article not read): 100 m in urban wards, 400 m elsewhere — configurable defaults. */
export const DEFAULT_SHARING_DISTANCE: Readonly<SharingDistanceRule> = Object.freeze({
  urbanM: 100,
  otherM: 400,
});

/** Hanoi's figures (100 m urban, 500 m elsewhere; no source read), for comparison and as an alternative preset. */
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
