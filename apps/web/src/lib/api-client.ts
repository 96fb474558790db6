import type {
  AdminUnitCollection,
  AssetFeature,
  AssetPage,
  AssetResource,
  Bbox,
  Organisation,
} from './types';

/** An API call that failed: HTTP status plus the API's `{ error: { code, message, requestId } }`. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly url: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function errorFrom(response: Response, url: string): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall back to the status line.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const message =
    typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText}`.trim();
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  const requestId = typeof error?.requestId === 'string' ? error.requestId : undefined;
  return new ApiRequestError(response.status, code, message, url, requestId);
}

/** GETs a same-origin JSON resource; throws {@link ApiRequestError} on a non-2xx answer. */
export async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, 'NETWORK', `cannot reach the server (${String(cause)})`, path);
  }
  if (!response.ok) throw await errorFrom(response, path);
  return response.json();
}

function expectFeatureCollection(body: unknown, url: string): AssetPage {
  if (!isRecord(body) || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a FeatureCollection', url);
  }
  return {
    type: 'FeatureCollection',
    features: body.features as AssetFeature[],
    next: typeof body.next === 'string' && body.next !== '' ? body.next : null,
  };
}

export interface AssetQuery {
  bbox?: Bbox;
  status?: string;
  ownerOrgId?: string;
}

/** Largest page the API serves. */
export const PAGE_LIMIT = 10_000;

/**
 * Loads an asset collection, following `next` cursors until the end or until `maxFeatures`.
 * Returns the features and whether the cap cut the collection short.
 */
export async function fetchAssets(
  resource: AssetResource,
  query: AssetQuery,
  signal?: AbortSignal,
  maxFeatures = 100_000,
): Promise<{ features: AssetFeature[]; truncated: boolean }> {
  const features: AssetFeature[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(PAGE_LIMIT) });
    if (query.bbox) params.set('bbox', query.bbox.map((v) => v.toFixed(5)).join(','));
    if (query.status) params.set('status', query.status);
    if (query.ownerOrgId) params.set('ownerOrgId', query.ownerOrgId);
    if (cursor) params.set('cursor', cursor);
    const url = `/api/v1/${resource}?${params}`;
    const page = expectFeatureCollection(await getJson(url, signal), url);
    features.push(...page.features);
    cursor = page.next;
  } while (cursor && features.length < maxFeatures);
  return { features, truncated: cursor !== null };
}

export async function fetchOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  const url = '/api/v1/organisations';
  const body = await getJson(url, signal);
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a list of organisations', url);
  }
  return body.items as Organisation[];
}

export async function fetchAdminUnits(signal?: AbortSignal): Promise<AdminUnitCollection> {
  const url = '/api/v1/admin-units';
  const body = await getJson(url, signal);
  if (!isRecord(body) || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a FeatureCollection', url);
  }
  return body as unknown as AdminUnitCollection;
}
