import { contextEndpoints } from '@hatang/contracts';
import { callEndpoint } from './endpoint-client';
import type {
  AdminUnitCollection,
  AssetFeature,
  AssetPage,
  AssetResource,
  Bbox,
  Organisation,
} from './types';

/** One problem the API found in a request: where (JSON path, e.g. `['properties', 'heightM']`) and what. */
export interface ApiIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * An API call that failed: HTTP status plus the API's
 * `{ error: { code, message, details?, current?, requestId } }`.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly url: string,
    readonly requestId?: string,
    /** VALIDATION_FAILED: every problem, each with its path. */
    readonly details: ApiIssue[] = [],
    /** VERSION_CONFLICT: the record as it is now on the server. */
    readonly current?: unknown,
    /** TOO_MANY_ATTEMPTS: seconds to wait (Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIssue = (value: unknown): value is ApiIssue =>
  isRecord(value) && Array.isArray(value.path) && typeof value.message === 'string';

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
  const details = Array.isArray(error?.details) ? error.details.filter(isIssue) : [];
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiRequestError(
    response.status,
    code,
    message,
    url,
    requestId,
    details,
    error?.current,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/**
 * The CSRF token of the current session (from login or /auth/me). The session cookie is
 * HttpOnly; the token is kept in memory only and sent as `X-CSRF-Token` on every write.
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface SendOptions {
  /** The record version the edit is based on (`If-Match`); a stale one gets 409 VERSION_CONFLICT. */
  ifMatch?: number;
  signal?: AbortSignal;
  /** The CSRF token to send instead of the remembered one (a page holding its own session). */
  csrfToken?: string;
}

/**
 * Sends a same-origin request with a JSON body (or none) and the session's CSRF token; returns the
 * parsed JSON answer, or null for 204. Throws {@link ApiRequestError} on a non-2xx answer.
 */
export async function sendJson(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET',
  path: string,
  body?: unknown,
  options: SendOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = options.csrfToken ?? csrfToken;
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, 'NETWORK', `cannot reach the server (${String(cause)})`, path);
  }
  if (!response.ok) throw await errorFrom(response, path);
  if (response.status === 204) return null;
  return response.json();
}

/**
 * POSTs a multipart form (a file upload: the browser sets the boundary) with the session's CSRF
 * token; returns the parsed JSON answer. Throws {@link ApiRequestError} on a non-2xx answer.
 */
export async function sendForm(path: string, form: FormData, options: SendOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.csrfToken ?? csrfToken;
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: form,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, 'NETWORK', `cannot reach the server (${String(cause)})`, path);
  }
  if (!response.ok) throw await errorFrom(response, path);
  return response.json();
}

/** GETs a same-origin JSON resource; throws {@link ApiRequestError} on a non-2xx answer. */
export async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      signal,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
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
  return (await callEndpoint(contextEndpoints.listOrganisations, {}, { signal })).items;
}

export async function fetchAdminUnits(signal?: AbortSignal): Promise<AdminUnitCollection> {
  return callEndpoint(contextEndpoints.listAdminUnits, {}, { signal });
}
