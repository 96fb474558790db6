import {
  type CompareRow,
  type Endpoint,
  planEndpoints as endpoints,
  type HistoryEntry,
  type PlanComparison,
  type PlanItemFeature,
  type PlanVersion,
  type PlanWithVersions,
  type PlanZoneFeature,
  pathOf,
  type planChange,
} from '@hatang/contracts';
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import { ApiRequestError, sendJson } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';

/** One version of a plan as `/api/v1/plan-versions/:id` answers it (`version`: send as If-Match). */
export type { PlanVersion };
export type Plan = PlanWithVersions;
/** A plan item (GeoJSON Feature, `[lng, lat]` WGS 84). */
export type PlanItem = PlanItemFeature;
export type PlanZone = PlanZoneFeature;
export type Change = z.infer<typeof planChange>;
export type { CompareRow };
/** `GET /plan-versions/:id/compare?base=…`: what changed from `base` to `target`. */
export type CompareResult = PlanComparison;

/** One entry of an item's history; `after` is the item as it was stored then. */
export type ItemHistoryEntry = Omit<HistoryEntry, 'after'> & { after: PlanItem | null };

/**
 * Item and zone bodies are read by their handlers (every problem at once), so their endpoints
 * declare no body: sent as JSON here, the answer checked against the endpoint's success schema.
 */
async function sendFeature<T>(
  endpoint: Endpoint,
  params: Record<string, string>,
  body: unknown,
  schema: z.ZodType<T>,
  ifMatch?: number,
): Promise<T> {
  const path = pathOf(endpoint, params);
  const answer = schema.safeParse(
    await sendJson(endpoint.method, path, body, ifMatch === undefined ? {} : { ifMatch }),
  );
  if (!answer.success)
    throw new ApiRequestError(
      200,
      'BAD_RESPONSE',
      `the server's answer is not what ${endpoint.path} declares`,
      path,
    );
  return answer.data;
}

export async function fetchPlans(signal?: AbortSignal): Promise<Plan[]> {
  return (await callEndpoint(endpoints.listPlans, {}, { signal })).items;
}

export const createPlan = (name: string): Promise<Plan> =>
  callEndpoint(endpoints.createPlan, { body: { name } });

export const createBaseline = (planId: string, name: string): Promise<PlanVersion> =>
  callEndpoint(endpoints.takeBaseline, { params: { id: planId }, body: { name } });

export const forkVersion = (versionId: string, name: string): Promise<PlanVersion> =>
  callEndpoint(endpoints.forkVersion, { params: { id: versionId }, body: { name } });

export const renameVersion = (v: PlanVersion, name: string): Promise<PlanVersion> =>
  callEndpoint(endpoints.updateVersion, { params: { id: v.id }, body: { name } }, { ifMatch: v.version });

export async function deleteVersion(v: PlanVersion): Promise<void> {
  await callEndpoint(endpoints.deleteVersion, { params: { id: v.id } }, { ifMatch: v.version });
}

/** Approves the draft as the approver saw it (`version` → If-Match); 409 when it changed since. */
export const approveVersion = (v: PlanVersion): Promise<PlanVersion> =>
  callEndpoint(endpoints.approveVersion, { params: { id: v.id } }, { ifMatch: v.version });

export async function fetchItems(versionId: string, signal?: AbortSignal): Promise<PlanItem[]> {
  return (await callEndpoint(endpoints.listItems, { params: { id: versionId }, query: {} }, { signal }))
    .features;
}

export const createItem = (
  versionId: string,
  geometry: Geometry,
  properties: Record<string, unknown>,
): Promise<PlanItem> =>
  sendFeature(
    endpoints.createItem,
    { id: versionId },
    { type: 'Feature', geometry, properties },
    endpoints.createItem.responses[201].schema,
  );

export const patchItem = (
  id: string,
  version: number,
  patch: { geometry?: Geometry; properties?: Record<string, unknown> },
): Promise<PlanItem> =>
  sendFeature(endpoints.updateItem, { id }, patch, endpoints.updateItem.responses[200].schema, version);

export async function deleteItem(id: string, version: number): Promise<void> {
  await callEndpoint(endpoints.deleteItem, { params: { id } }, { ifMatch: version });
}

/**
 * Brings back `version` of an item as a new write; `current` is the version it is at now (If-Match),
 * or null when the item is deleted.
 */
export const restoreItem = (id: string, version: number, current: number | null): Promise<PlanItem> =>
  callEndpoint(
    endpoints.restoreItem,
    { params: { id }, body: { version } },
    current === null ? {} : { ifMatch: current },
  );

export async function fetchItemHistory(id: string, signal?: AbortSignal): Promise<ItemHistoryEntry[]> {
  const { items } = await callEndpoint(endpoints.itemHistory, { params: { id } }, { signal });
  // The history keeps each version of the item as the API answered it.
  return items.map((entry) => ({ ...entry, after: (entry.after ?? null) as PlanItem | null }));
}

export const fetchCompare = (
  targetId: string,
  baseId: string,
  signal?: AbortSignal,
): Promise<CompareResult> =>
  callEndpoint(endpoints.compareVersions, { params: { id: targetId }, query: { base: baseId } }, { signal });

/** The global zones and the version's own. */
export async function fetchZones(versionId: string | null, signal?: AbortSignal): Promise<PlanZone[]> {
  const query = versionId ? { planVersionId: versionId } : {};
  return (await callEndpoint(endpoints.listZones, { query }, { signal })).features;
}

export const createZone = (geometry: Geometry, properties: Record<string, unknown>): Promise<PlanZone> =>
  sendFeature(
    endpoints.createZone,
    {},
    { type: 'Feature', geometry, properties },
    endpoints.createZone.responses[201].schema,
  );

export async function deleteZone(id: string, version: number): Promise<void> {
  await callEndpoint(endpoints.deleteZone, { params: { id } }, { ifMatch: version });
}
