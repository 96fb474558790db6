import { type AssetPath, isAssetPath } from '@hatang/contracts';
import type { Principal } from '../auth/principal.js';

/**
 * Confidentiality tiers of asset attributes:
 * - public: location, type, class, status, owner — what anyone may see on the city's map;
 * - sharing: what another operator needs to ask for co-location (free capacity, heights, tubes);
 * - full: the owner's own business (tenant equipment, backup power, core counts, …).
 * Fields not listed for a resource are public. The API removes what the viewer may not see
 * before anything leaves the server (lists, details, history, conflicts).
 */
export type Tier = 'public' | 'sharing' | 'full';

const META = ['code', 'version', 'createdAt', 'updatedAt'] as const;

/** The properties (stored or derived on read) above the public tier, per kind: `sharing` and `full`. */
interface KindTiers {
  sharing: readonly string[];
  full: readonly string[];
}

/** Every asset kind has its entry (a kind added to contracts without one does not compile). */
export const FIELD_TIERS = {
  towers: {
    sharing: [
      ...META,
      'heightM',
      'buildingHeightM',
      'groundElevationM',
      'antennaSlotsTotal',
      'tenantsMax',
      'tenantCount',
    ],
    full: ['tenancies', 'powerBackupHours'],
  },
  poles: { sharing: [...META, 'heightM', 'attachmentsUsed', 'attachmentsMax'], full: [] },
  manholes: { sharing: [...META, 'covers', 'depthM'], full: [] },
  ducts: {
    sharing: [...META, 'tubesTotal', 'tubesUsed', 'diameterMm', 'depthM', 'fromManholeId', 'toManholeId'],
    full: [],
  },
  'trenches-tunnels': { sharing: [...META, 'widthM', 'depthM', 'sharedWith'], full: [] },
  'cable-routes': { sharing: [...META], full: ['coreCount'] },
  'submarine-cables': { sharing: [...META, 'landingStationId'], full: ['fiberPairs'] },
  'landing-stations': { sharing: [...META], full: [] },
  'wifi-points': { sharing: [...META], full: ['bandwidthMbps'] },
  // Name, certification and status are what the city publishes; size and efficiency are the operator's business.
  'data-centres': { sharing: [...META, 'tier'], full: ['powerMw', 'pue'] },
  // The public sees where cameras and sensors are and what they are, not the pole they hang on
  // (neither its id nor its code: whoever may see which pole a device hangs on may see its code).
  'street-devices': { sharing: [...META, 'poleId', 'poleCode', 'mountHeightM', 'viewRangeM'], full: [] },
  // Which operators serve a building is commercial; the building and its compliance are public.
  'in-building-systems': { sharing: [...META, 'floors', 'fibreRiser'], full: ['operatorsServed'] },
  'civil-works': { sharing: [...META], full: [] },
} satisfies Record<AssetPath, KindTiers>;

const tiersOf = (resource: string): KindTiers | undefined =>
  isAssetPath(resource) ? FIELD_TIERS[resource] : undefined;

/** Roles that see every asset in full (city departments and the Construction Department). */
const FULL_ROLES = new Set(['admin', 'planner', 'reviewer']);
/** Roles that see others' assets at the sharing tier (operators and commune inspectors). */
const SHARING_ROLES = new Set(['operator_editor', 'operator_viewer', 'inspector']);

/** What a viewer may see of an asset owned by `ownerOrgId`. */
export function tierFor(principal: Principal | undefined, ownerOrgId: unknown): Tier {
  if (!principal) return 'public';
  if (principal.roles.some((r) => FULL_ROLES.has(r))) return 'full';
  if (principal.orgId === ownerOrgId) return 'full';
  if (principal.roles.some((r) => SHARING_ROLES.has(r))) return 'sharing';
  return 'public';
}

/** The lowest tier the viewer has on any asset (what filters may use without probing). */
export function baseTier(principal: Principal | undefined): Tier {
  return tierFor(principal, undefined);
}

/** True when a viewer at `tier` may see `property` of `resource`. */
export function isVisible(resource: string, property: string, tier: Tier): boolean {
  const tiers = tiersOf(resource);
  if (!tiers || tier === 'full') return true;
  if (tiers.full.includes(property)) return false;
  return tier === 'sharing' || !tiers.sharing.includes(property);
}

interface FeatureLike {
  properties: Record<string, unknown>;
}

/** A copy of the feature without the properties the viewer may not see. */
export function redactFeature<F extends FeatureLike>(
  resource: string,
  feature: F,
  principal: Principal | undefined,
): F {
  const tier = tierFor(principal, feature.properties.ownerOrgId);
  if (tier === 'full' || !tiersOf(resource)) return feature;
  const properties = Object.fromEntries(
    Object.entries(feature.properties).filter(([key]) => isVisible(resource, key, tier)),
  );
  return { ...feature, properties };
}
