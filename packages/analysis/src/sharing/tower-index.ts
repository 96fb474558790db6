/**
 * Towers as the sharing finders see them, and a static spatial index over them (Flatbush, packed
 * R-tree): a radius query is a box search plus an exact metric distance check, O(log n + k).
 */
import Flatbush from 'flatbush';
import type { AdminUnitType } from '../coverage/cell-grid.js';
import { degreesFor, type LngLat, localDistanceM } from './metric.js';

export interface SharingTower {
  id: string;
  ownerOrgId: string;
  /** `[lng, lat]` WGS 84. */
  position: LngLat;
  /** Top of the structure above ground, metres (tower height plus the building under a rooftop tower). */
  heightM: number;
  tenantsMax: number;
  tenantCount: number;
  antennaSlotsTotal: number;
  /** Antennas mounted by all tenants. */
  antennaSlotsUsed: number;
  unitCode: string | null;
  unitType: AdminUnitType | null;
  /** Operators with equipment on the tower: owner-only data, used for exclusion, never returned. */
  tenantOperatorIds: readonly string[];
}

export interface TowerHit {
  tower: SharingTower;
  index: number;
  distanceM: number;
}

export class TowerIndex {
  private readonly index: Flatbush | undefined;

  constructor(readonly towers: readonly SharingTower[]) {
    if (towers.length === 0) return;
    const index = new Flatbush(towers.length);
    for (const t of towers) index.add(t.position[0], t.position[1], t.position[0], t.position[1]);
    index.finish();
    this.index = index;
  }

  /** Towers within `radiusM` metres of `position`, nearest first. */
  within(position: LngLat, radiusM: number): TowerHit[] {
    if (!this.index) return [];
    const { dLng, dLat } = degreesFor(radiusM, position[1]);
    const hits: TowerHit[] = [];
    for (const i of this.index.search(
      position[0] - dLng,
      position[1] - dLat,
      position[0] + dLng,
      position[1] + dLat,
    )) {
      const tower = this.towers[i] as SharingTower;
      const distanceM = localDistanceM(position, tower.position);
      if (distanceM <= radiusM) hits.push({ tower, index: i, distanceM });
    }
    return hits.sort((a, b) => a.distanceM - b.distanceM || a.tower.id.localeCompare(b.tower.id));
  }
}
