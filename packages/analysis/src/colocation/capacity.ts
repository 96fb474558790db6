/**
 * Does a co-location request fit? Free tenant slots, antenna positions and height on a tower,
 * free attachments on a pole, free tubes in every segment of a duct path. Pure: the caller loads
 * the facts (at submission, and again with the rows locked at acceptance).
 */
import { type CapacityReason, type CapacityReasonCode, COLOCATION_LABELS } from '@hatang/contracts';

type AssetStatus = 'existing' | 'planned' | 'under_construction' | 'decommissioned';

export interface TowerCapacityFacts {
  id: string;
  ownerOrgId: string;
  status: AssetStatus;
  /** Structure height above its base, m. */
  heightM: number;
  antennaSlotsTotal: number;
  tenantsMax: number;
  tenants: readonly { operatorOrgId: string; antennaCount: number }[];
}

export interface PoleCapacityFacts {
  id: string;
  ownerOrgId: string;
  status: AssetStatus;
  attachmentsUsed: number;
  attachmentsMax: number;
}

export interface DuctCapacityFacts {
  id: string;
  code: string;
  ownerOrgId: string;
  status: AssetStatus;
  tubesUsed: number;
  tubesTotal: number;
}

export interface CapacityVerdict {
  fits: boolean;
  reasons: CapacityReason[];
}

const reason = (code: CapacityReasonCode, assetId: string, vi: string, en: string): CapacityReason => {
  const label = COLOCATION_LABELS.capacityReason[code];
  return { code, assetId, message: { vi: `${label.vi}${vi}`, en: `${label.en}${en}` } };
};

const verdict = (reasons: CapacityReason[]): CapacityVerdict => ({ fits: reasons.length === 0, reasons });

function common(asset: { id: string; ownerOrgId: string; status: AssetStatus }, requesterOrgId: string) {
  const reasons: CapacityReason[] = [];
  if (asset.status === 'decommissioned') reasons.push(reason('asset_decommissioned', asset.id, '', ''));
  if (asset.ownerOrgId === requesterOrgId) reasons.push(reason('own_asset', asset.id, '', ''));
  return reasons;
}

/**
 * A tower fits when it is standing, the requester is already a tenant or a tenant slot is free,
 * enough antenna positions are free, and the mounting height is within the structure.
 */
export function towerCapacity(
  tower: TowerCapacityFacts,
  request: { requesterOrgId: string; antennaCount: number; mountHeightM: number },
): CapacityVerdict {
  const reasons = common(tower, request.requesterOrgId);
  const isTenant = tower.tenants.some((t) => t.operatorOrgId === request.requesterOrgId);
  if (!isTenant && tower.tenants.length >= tower.tenantsMax)
    reasons.push(
      reason(
        'tenants_full',
        tower.id,
        ` (${tower.tenants.length}/${tower.tenantsMax} đơn vị)`,
        ` (${tower.tenants.length}/${tower.tenantsMax} tenants)`,
      ),
    );
  const used = tower.tenants.reduce((sum, t) => sum + t.antennaCount, 0);
  const free = Math.max(0, tower.antennaSlotsTotal - used);
  if (request.antennaCount > free)
    reasons.push(
      reason(
        'antenna_slots_full',
        tower.id,
        `: cần ${request.antennaCount}, còn ${free}`,
        `: ${request.antennaCount} needed, ${free} free`,
      ),
    );
  if (request.mountHeightM > tower.heightM)
    reasons.push(
      reason(
        'mount_height_above_tower',
        tower.id,
        ` (${request.mountHeightM} m > ${tower.heightM} m)`,
        ` (${request.mountHeightM} m > ${tower.heightM} m)`,
      ),
    );
  return verdict(reasons);
}

/** A pole fits when it is standing and has `attachmentCount` free attachments. */
export function poleCapacity(
  pole: PoleCapacityFacts,
  request: { requesterOrgId: string; attachmentCount: number },
): CapacityVerdict {
  const reasons = common(pole, request.requesterOrgId);
  const free = Math.max(0, pole.attachmentsMax - pole.attachmentsUsed);
  if (request.attachmentCount > free)
    reasons.push(
      reason(
        'pole_full',
        pole.id,
        `: cần ${request.attachmentCount}, còn ${free}`,
        `: ${request.attachmentCount} needed, ${free} free`,
      ),
    );
  return verdict(reasons);
}

/** A duct path fits when every segment is standing and has `tubes` free tubes. */
export function ductPathCapacity(
  segments: readonly DuctCapacityFacts[],
  request: { requesterOrgId: string; tubes: number },
): CapacityVerdict {
  const reasons: CapacityReason[] = [];
  for (const segment of segments) {
    reasons.push(...common(segment, request.requesterOrgId));
    const free = Math.max(0, segment.tubesTotal - segment.tubesUsed);
    if (request.tubes > free)
      reasons.push(
        reason(
          'duct_full',
          segment.id,
          ` ${segment.code}: cần ${request.tubes}, còn ${free}`,
          ` ${segment.code}: ${request.tubes} needed, ${free} free`,
        ),
      );
  }
  return verdict(reasons);
}
