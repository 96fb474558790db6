import type {
  PlanCheckResult,
  PlanItemKind,
  PlanItemStatus,
  PlanPhase,
  PlanVersionKind,
  PlanZoneKind,
} from '@hatang/contracts';
import type { Geometry } from 'geojson';
import { ApiRequestError, getJson, isRecord, sendJson } from '../../lib/api-client';

/** One version of a plan as `/api/v1/plan-versions/:id` answers it. */
export interface PlanVersion {
  id: string;
  planId: string;
  kind: PlanVersionKind;
  name: string;
  notes: string | null;
  parentVersionId: string | null;
  createdAt: string;
  approvedAt: string | null;
  supersededAt: string | null;
  updatedAt: string;
  /** Optimistic-concurrency version: send it as If-Match to approve, rename or delete. */
  version: number;
  itemCount: number;
}

export interface Plan {
  id: string;
  name: string;
  horizonYear: number;
  visionYear: number;
  description: string | null;
  approvedVersionId: string | null;
  versions: PlanVersion[];
}

/** A plan item (GeoJSON Feature, `[lng, lat]` WGS 84). */
export interface PlanItem {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: {
    kind: PlanItemKind;
    name: string | null;
    phase: PlanPhase | null;
    status: PlanItemStatus;
    responsibleOrgId: string | null;
    notes: string | null;
    attributes: Record<string, unknown>;
    planVersionId: string;
    originId: string;
    sourceTable: string | null;
    checkResults: PlanCheckResult[];
    version: number;
    updatedAt: string;
  };
}

export interface PlanZone {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: {
    kind: PlanZoneKind;
    name: string;
    planVersionId: string | null;
    rules: { maxHeightM?: number };
    notes: string | null;
    version: number;
  };
}

export type Change = 'added' | 'removed' | 'changed';

export interface CompareRow {
  originId: string;
  itemId: string;
  kind: PlanItemKind;
  name: string | null;
  phase: PlanPhase | null;
  status: PlanItemStatus;
  fields?: string[];
}

/** `GET /plan-versions/:id/compare?base=…`: what changed from `base` to `target`. */
export interface CompareResult {
  base: { id: string; name: string; kind: PlanVersionKind };
  target: { id: string; name: string; kind: PlanVersionKind };
  summary: { added: number; removed: number; changed: number; unchanged: number };
  added: CompareRow[];
  removed: CompareRow[];
  changed: CompareRow[];
  features: {
    type: 'FeatureCollection';
    features: {
      type: 'Feature';
      id: string;
      geometry: Geometry;
      properties: CompareRow & { change: Change };
    }[];
  };
}

export interface ItemHistoryEntry {
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  at: string;
  actor: { displayName: string | null } | null;
  after: PlanItem | null;
}

const enc = encodeURIComponent;

function expect<T>(ok: boolean, body: unknown, url: string, what: string): T {
  if (!ok) throw new ApiRequestError(200, 'BAD_RESPONSE', `the server did not answer ${what}`, url);
  return body as T;
}

export async function fetchPlans(signal?: AbortSignal): Promise<Plan[]> {
  const url = '/api/v1/plans';
  const body = await getJson(url, signal);
  return expect<{ items: Plan[] }>(isRecord(body) && Array.isArray(body.items), body, url, 'a list of plans')
    .items;
}

export async function createPlan(name: string): Promise<Plan> {
  return (await sendJson('POST', '/api/v1/plans', { name })) as Plan;
}

export async function createBaseline(planId: string, name: string): Promise<PlanVersion> {
  return (await sendJson('POST', `/api/v1/plans/${enc(planId)}/baseline`, { name })) as PlanVersion;
}

export async function forkVersion(versionId: string, name: string): Promise<PlanVersion> {
  return (await sendJson('POST', `/api/v1/plan-versions/${enc(versionId)}/fork`, { name })) as PlanVersion;
}

export async function renameVersion(v: PlanVersion, name: string): Promise<PlanVersion> {
  return (await sendJson(
    'PATCH',
    `/api/v1/plan-versions/${enc(v.id)}`,
    { name },
    { ifMatch: v.version },
  )) as PlanVersion;
}

export async function deleteVersion(v: PlanVersion): Promise<void> {
  await sendJson('DELETE', `/api/v1/plan-versions/${enc(v.id)}`, undefined, { ifMatch: v.version });
}

/** Approves the draft as the approver saw it (`version` → If-Match); 409 when it changed since. */
export async function approveVersion(v: PlanVersion): Promise<PlanVersion> {
  return (await sendJson('POST', `/api/v1/plan-versions/${enc(v.id)}/approve`, undefined, {
    ifMatch: v.version,
  })) as PlanVersion;
}

export async function fetchItems(versionId: string, signal?: AbortSignal): Promise<PlanItem[]> {
  const url = `/api/v1/plan-versions/${enc(versionId)}/items`;
  const body = await getJson(url, signal);
  return expect<{ features: PlanItem[] }>(
    isRecord(body) && Array.isArray(body.features),
    body,
    url,
    'a FeatureCollection',
  ).features;
}

export async function createItem(
  versionId: string,
  geometry: Geometry,
  properties: Record<string, unknown>,
): Promise<PlanItem> {
  return (await sendJson('POST', `/api/v1/plan-versions/${enc(versionId)}/items`, {
    type: 'Feature',
    geometry,
    properties,
  })) as PlanItem;
}

export async function patchItem(
  id: string,
  version: number,
  patch: { geometry?: Geometry; properties?: Record<string, unknown> },
): Promise<PlanItem> {
  return (await sendJson('PATCH', `/api/v1/plan-items/${enc(id)}`, patch, { ifMatch: version })) as PlanItem;
}

export async function deleteItem(id: string, version: number): Promise<void> {
  await sendJson('DELETE', `/api/v1/plan-items/${enc(id)}`, undefined, { ifMatch: version });
}

/**
 * Brings back `version` of an item as a new write; `current` is the version it is at now (If-Match),
 * or null when the item is deleted.
 */
export async function restoreItem(id: string, version: number, current: number | null): Promise<PlanItem> {
  return (await sendJson(
    'POST',
    `/api/v1/plan-items/${enc(id)}/restore`,
    { version },
    current === null ? {} : { ifMatch: current },
  )) as PlanItem;
}

export async function fetchItemHistory(id: string, signal?: AbortSignal): Promise<ItemHistoryEntry[]> {
  const url = `/api/v1/plan-items/${enc(id)}/history`;
  const body = await getJson(url, signal);
  return expect<{ items: ItemHistoryEntry[] }>(
    isRecord(body) && Array.isArray(body.items),
    body,
    url,
    'a history',
  ).items;
}

export async function fetchCompare(
  targetId: string,
  baseId: string,
  signal?: AbortSignal,
): Promise<CompareResult> {
  const url = `/api/v1/plan-versions/${enc(targetId)}/compare?base=${enc(baseId)}`;
  const body = await getJson(url, signal);
  return expect<CompareResult>(isRecord(body) && isRecord(body.summary), body, url, 'a comparison');
}

/** The global zones and the version's own. */
export async function fetchZones(versionId: string | null, signal?: AbortSignal): Promise<PlanZone[]> {
  const url = `/api/v1/plan-zones${versionId ? `?planVersionId=${enc(versionId)}` : ''}`;
  const body = await getJson(url, signal);
  return expect<{ features: PlanZone[] }>(
    isRecord(body) && Array.isArray(body.features),
    body,
    url,
    'a FeatureCollection',
  ).features;
}

export async function createZone(geometry: Geometry, properties: Record<string, unknown>): Promise<PlanZone> {
  return (await sendJson('POST', '/api/v1/plan-zones', {
    type: 'Feature',
    geometry,
    properties,
  })) as PlanZone;
}

export async function deleteZone(id: string, version: number): Promise<void> {
  await sendJson('DELETE', `/api/v1/plan-zones/${enc(id)}`, undefined, { ifMatch: version });
}
