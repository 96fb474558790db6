import type { AdminUnitProperties, AssetPath, Organisation } from '@hatang/contracts';
import type { Feature, Geometry } from 'geojson';

/** Life-cycle of every asset. */
export type AssetStatus = 'existing' | 'planned' | 'under_construction' | 'decommissioned';
export const ASSET_STATUSES: readonly AssetStatus[] = [
  'existing',
  'planned',
  'under_construction',
  'decommissioned',
];

/** API collection paths (`/api/v1/<resource>`): the asset kinds of the contracts, and streets. */
export type AssetResource = AssetPath | 'streets';

/** Properties every asset has; the rest depend on the resource. */
export interface AssetProperties {
  code?: string;
  ownerOrgId?: string;
  status?: AssetStatus;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
  [key: string]: unknown;
}

/** One asset as GeoJSON; coordinates are `[lng, lat]` WGS 84. */
export type AssetFeature = Feature<Geometry, AssetProperties> & { id: string | number };

/** One page of an asset collection. `next` is the cursor of the following page, or null. */
export interface AssetPage {
  type: 'FeatureCollection';
  features: AssetFeature[];
  next: string | null;
}

export interface Tenancy {
  operatorOrgId: string;
  technologies: string[];
  antennaCount: number;
  mountHeightM: number | null;
  since: string | null;
}

// Organisations and administrative units as the API answers them: from the endpoints' contracts.
export type { AdminUnitCollection, AdminUnitProperties, Organisation } from '@hatang/contracts';
export type OrganisationKind = Organisation['kind'];
export type AdminUnitType = AdminUnitProperties['unitType'];

/** West, south, east, north in degrees (WGS 84). */
export type Bbox = [number, number, number, number];
