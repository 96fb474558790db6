/**
 * Which existing towers a planned tower must share: those within the sharing distance of its
 * place (see sharing-distance.ts) that still take a tenant and are tall enough.
 */
import type { AdminUnitType } from '../coverage/cell-grid.js';
import type { LngLat } from './metric.js';
import { DEFAULT_SHARING_DISTANCE, type SharingDistanceRule, sharingDistanceM } from './sharing-distance.js';
import type { SharingTower, TowerIndex } from './tower-index.js';

export interface TowerSharingQuery {
  /** Where the new tower would stand, `[lng, lat]`. */
  position: LngLat;
  /** Type of the unit the position lies in (null: outside every unit). */
  unitType: AdminUnitType | null;
  /** Antenna height the operator needs, metres above ground: a host must be at least this tall. */
  requiredHeightM: number;
  /** Antennas the new tenant mounts (default 3: one per sector). */
  antennasNeeded?: number;
  /** The operator that would join: towers it is already on are not offered. */
  operatorId?: string;
  rule?: SharingDistanceRule;
}

export type BlockReason = 'full' | 'no_antenna_slots' | 'too_short' | 'already_tenant';

export interface HostCandidate {
  towerId: string;
  ownerOrgId: string;
  position: LngLat;
  distanceM: number;
  heightM: number;
  /** Tenants the tower can still take. */
  freeTenantSlots: number;
  freeAntennaSlots: number;
}

export interface BlockedTower {
  towerId: string;
  ownerOrgId: string;
  distanceM: number;
  reasons: BlockReason[];
}

export interface TowerSharingResult {
  /** The sharing distance applied at the position, metres. */
  sharingDistanceM: number;
  /** Towers the new one must share, nearest first; empty: a new tower may be built. */
  candidates: HostCandidate[];
  /** Towers within the distance that cannot host it, with why. */
  blocked: BlockedTower[];
  /** True when no candidate exists, so the sharing rule does not forbid a new tower. */
  newTowerAllowed: boolean;
}

/** Why `tower` cannot host the query's tenant (empty: it can). */
export function blockReasons(tower: SharingTower, query: TowerSharingQuery): BlockReason[] {
  const reasons: BlockReason[] = [];
  if (query.operatorId && tower.tenantOperatorIds.includes(query.operatorId)) reasons.push('already_tenant');
  if (tower.tenantCount >= tower.tenantsMax) reasons.push('full');
  if (tower.antennaSlotsTotal - tower.antennaSlotsUsed < (query.antennasNeeded ?? 3))
    reasons.push('no_antenna_slots');
  if (tower.heightM < query.requiredHeightM) reasons.push('too_short');
  return reasons;
}

/** The towers a planned tower at `query.position` must share (see the module note). */
export function findSharingHosts(index: TowerIndex, query: TowerSharingQuery): TowerSharingResult {
  const radiusM = sharingDistanceM(query.unitType, query.rule ?? DEFAULT_SHARING_DISTANCE);
  const candidates: HostCandidate[] = [];
  const blocked: BlockedTower[] = [];
  for (const { tower, distanceM } of index.within(query.position, radiusM)) {
    const reasons = blockReasons(tower, query);
    const rounded = Math.round(distanceM * 10) / 10;
    if (reasons.length) {
      blocked.push({ towerId: tower.id, ownerOrgId: tower.ownerOrgId, distanceM: rounded, reasons });
      continue;
    }
    candidates.push({
      towerId: tower.id,
      ownerOrgId: tower.ownerOrgId,
      position: tower.position,
      distanceM: rounded,
      heightM: tower.heightM,
      freeTenantSlots: tower.tenantsMax - tower.tenantCount,
      freeAntennaSlots: tower.antennaSlotsTotal - tower.antennaSlotsUsed,
    });
  }
  return { sharingDistanceM: radiusM, candidates, blocked, newTowerAllowed: candidates.length === 0 };
}
