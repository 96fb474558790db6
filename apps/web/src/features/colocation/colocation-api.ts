/**
 * Calls of the co-location API (apps/api/src/routes/colocation.ts; shapes in
 * packages/contracts/src/colocation.ts) and the react-query keys the panel and the bell share.
 */
import type {
  ColocationAction,
  ColocationMessage,
  ColocationRequest,
  ColocationRequestCreate,
  Notification,
  OversightMapProperties,
  OversightRow,
  RentSuggestion,
} from '@hatang/contracts';
import { ApiRequestError, getJson, isRecord, sendForm, sendJson } from '../../lib/api-client';

const BASE = '/api/v1/colocation-requests';

/** Query keys: everything under `['colocation']` is refetched after the user's own actions. */
export const colocationKeys = {
  all: ['colocation'] as const,
  list: (box: 'incoming' | 'outgoing' | 'all') => ['colocation', 'list', box] as const,
  one: (id: string) => ['colocation', 'request', id] as const,
  messages: (id: string) => ['colocation', 'messages', id] as const,
  attachments: (id: string) => ['colocation', 'attachments', id] as const,
  rent: (id: string, params: string) => ['colocation', 'rent', id, params] as const,
  oversight: ['colocation', 'oversight'] as const,
  oversightMap: ['colocation', 'oversight-map'] as const,
  notifications: ['notifications'] as const,
};

function items<T>(body: unknown, url: string): T[] {
  if (!isRecord(body) || !Array.isArray(body.items))
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a list', url);
  return body.items as T[];
}

export async function fetchRequests(
  box: 'incoming' | 'outgoing' | 'all',
  signal?: AbortSignal,
): Promise<ColocationRequest[]> {
  const url = `${BASE}?box=${box}`;
  return items<ColocationRequest>(await getJson(url, signal), url);
}

export const fetchRequest = async (id: string, signal?: AbortSignal) =>
  (await getJson(`${BASE}/${id}`, signal)) as ColocationRequest;

export const createRequest = async (body: ColocationRequestCreate) =>
  (await sendJson('POST', BASE, body)) as ColocationRequest;

/** A transition (`request-info`, `accept`…) on the version the user saw (If-Match). */
export const transition = async (
  request: Pick<ColocationRequest, 'id' | 'version'>,
  action: ColocationAction,
  body: Record<string, unknown>,
) =>
  (await sendJson('POST', `${BASE}/${request.id}/${action}`, body, {
    ifMatch: request.version,
  })) as ColocationRequest;

export async function fetchMessages(id: string, signal?: AbortSignal): Promise<ColocationMessage[]> {
  const url = `${BASE}/${id}/messages`;
  return items<ColocationMessage>(await getJson(url, signal), url);
}

export const postMessage = async (id: string, text: string) =>
  (await sendJson('POST', `${BASE}/${id}/messages`, { text })) as ColocationMessage;

/** An attachment as the API lists it. */
export interface AttachmentInfo {
  id: string;
  purpose: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: string;
}

export async function fetchAttachments(id: string, signal?: AbortSignal): Promise<AttachmentInfo[]> {
  const url = `${BASE}/${id}/attachments`;
  return items<AttachmentInfo>(await getJson(url, signal), url);
}

export const attachmentUrl = (requestId: string, attachmentId: string) =>
  `${BASE}/${requestId}/attachments/${attachmentId}`;

/** Uploads one file (multipart `file`); the server checks type (first bytes) and size (≤ 10 MiB). */
export async function uploadAttachment(id: string, file: File, csrfToken: string | undefined) {
  const form = new FormData();
  form.set('file', file);
  return (await sendForm(`${BASE}/${id}/attachments`, form, { csrfToken })) as AttachmentInfo;
}

/** The rent parameters as typed (empty = the server's default). */
export type RentParams = Partial<
  Record<'investmentVnd' | 'lifeYears' | 'omPerYearVnd' | 'tenants' | 'profitMarginPct', string>
>;

/** The query string of the parameters that were typed. */
export function rentQuery(params: RentParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const text = (value ?? '').trim().replace(/\s/g, '').replace(',', '.');
    if (text !== '') query.set(key, text);
  }
  return query.toString();
}

export const fetchRent = async (id: string, query: string, signal?: AbortSignal) =>
  (await getJson(`${BASE}/${id}/rent-suggestion${query ? `?${query}` : ''}`, signal)) as RentSuggestion;

export async function fetchOversight(signal?: AbortSignal) {
  const body = await getJson(`${BASE}/oversight`, signal);
  return {
    items: items<OversightRow>(body, `${BASE}/oversight`),
    responseWorkingDays:
      isRecord(body) && typeof body.responseWorkingDays === 'number' ? body.responseWorkingDays : null,
  };
}

export const OVERSIGHT_CSV_URL = `${BASE}/oversight?format=csv`;

export interface OversightMap {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: OversightMapProperties;
  }[];
}

export const fetchOversightMap = async (signal?: AbortSignal) =>
  (await getJson(`${BASE}/oversight/map`, signal)) as OversightMap;

export async function fetchNotifications(signal?: AbortSignal) {
  const url = '/api/v1/notifications';
  const body = await getJson(url, signal);
  return {
    items: items<Notification>(body, url),
    unreadCount: isRecord(body) && typeof body.unreadCount === 'number' ? body.unreadCount : 0,
  };
}

export const markRead = async (id: string) => sendJson('POST', `/api/v1/notifications/${id}/read`);
export const markAllRead = async () => sendJson('POST', '/api/v1/notifications/read-all');
