import type { Geometry } from 'geojson';
import { ApiRequestError, isRecord, sendJson } from './api-client';
import type { AssetFeature, AssetProperties, AssetResource } from './types';

function expectFeature(body: unknown, url: string): AssetFeature {
  if (!isRecord(body) || body.type !== 'Feature' || !isRecord(body.geometry) || body.id === undefined) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a Feature', url);
  }
  return body as unknown as AssetFeature;
}

/** The version a feature is at (what `If-Match` must carry to change it). */
export function versionOf(feature: AssetFeature): number {
  const version = feature.properties?.version;
  return typeof version === 'number' ? version : 0;
}

/** GET one asset as the server has it now (fields the viewer may not see are absent). */
export async function fetchAsset(resource: AssetResource, id: string, signal?: AbortSignal) {
  const url = `/api/v1/${resource}/${encodeURIComponent(id)}`;
  return expectFeature(await sendJson('GET', url, undefined, { signal }), url);
}

/** POST a new asset; returns it as stored (id, version 1, derived fields). */
export async function createAsset(
  resource: AssetResource,
  geometry: Geometry,
  properties: Record<string, unknown>,
): Promise<AssetFeature> {
  const url = `/api/v1/${resource}`;
  return expectFeature(await sendJson('POST', url, { type: 'Feature', geometry, properties }), url);
}

export interface AssetPatch {
  geometry?: Geometry;
  properties?: Record<string, unknown>;
}

/** PATCH an asset based on `version`; a stale version throws 409 VERSION_CONFLICT with `current`. */
export async function patchAsset(
  resource: AssetResource,
  id: string,
  version: number,
  patch: AssetPatch,
): Promise<AssetFeature> {
  const url = `/api/v1/${resource}/${encodeURIComponent(id)}`;
  return expectFeature(await sendJson('PATCH', url, patch, { ifMatch: version }), url);
}

/** DELETE an asset, only if it is still at `version`. */
export async function deleteAsset(resource: AssetResource, id: string, version: number): Promise<void> {
  await sendJson('DELETE', `/api/v1/${resource}/${encodeURIComponent(id)}`, undefined, { ifMatch: version });
}

export interface HistoryActor {
  userId: string;
  displayName: string;
  orgId: string;
}

/** One audited write of a feature (newest first in the list). */
export interface HistoryEntry {
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  /** ISO 8601. */
  at: string;
  actor: HistoryActor | null;
  /** True when the API hides who made the change (the viewer is neither city staff nor the owner). */
  actorHidden?: boolean;
  /** Absent when the actor is hidden. */
  requestId?: string;
  before: AssetFeature | null;
  after: AssetFeature | null;
}

export async function fetchHistory(
  resource: AssetResource,
  id: string,
  signal?: AbortSignal,
): Promise<HistoryEntry[]> {
  const url = `/api/v1/${resource}/${encodeURIComponent(id)}/history`;
  const body = await sendJson('GET', url, undefined, { signal });
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a history', url);
  }
  return body.items as HistoryEntry[];
}

/** Restores `version` of a feature now at `currentVersion`: a new, audited write. */
export async function restoreVersion(
  resource: AssetResource,
  id: string,
  currentVersion: number,
  version: number,
): Promise<AssetFeature> {
  const url = `/api/v1/${resource}/${encodeURIComponent(id)}/restore`;
  return expectFeature(await sendJson('POST', url, { version }, { ifMatch: currentVersion }), url);
}

/** Properties the server owns (never sent back in a write). */
export const SERVER_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'adminUnitCode',
  'tenancies',
]);

/** The writable part of a feature's properties, for a re-create or a revert. */
export function writableProperties(
  properties: AssetProperties | null | undefined,
  writableKeys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of writableKeys) {
    if (properties && key in properties && !SERVER_PROPERTIES.has(key)) out[key] = properties[key];
  }
  return out;
}
