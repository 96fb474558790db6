/**
 * Calls of the co-location API, typed by its declaration (packages/contracts/src/
 * colocation-endpoints.ts), and the react-query keys the panel and the bell share.
 */
import {
  type AttachmentInfoBody,
  type ColocationAction,
  type ColocationRequest,
  type ColocationRequestCreate,
  type EndpointInput,
  colocationEndpoints as endpoints,
  pathOf,
} from '@hatang/contracts';
import { sendForm } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';

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

export async function fetchRequests(
  box: 'incoming' | 'outgoing' | 'all',
  signal?: AbortSignal,
): Promise<ColocationRequest[]> {
  return (await callEndpoint(endpoints.listRequests, { query: { box } }, { signal })).items;
}

export const fetchRequest = (id: string, signal?: AbortSignal) =>
  callEndpoint(endpoints.getRequest, { params: { id } }, { signal });

export const createRequest = (body: ColocationRequestCreate) =>
  callEndpoint(endpoints.createRequest, { body });

const STEPS = {
  'request-info': endpoints.requestInfo,
  accept: endpoints.accept,
  'accept-with-conditions': endpoints.acceptWithConditions,
  reject: endpoints.reject,
  withdraw: endpoints.withdraw,
  respond: endpoints.respond,
} as const satisfies Record<ColocationAction, unknown>;

/** What a transition sends: the body of one of the steps. */
export type StepBody = EndpointInput<(typeof STEPS)[ColocationAction]>['body'];

/** A transition (`request-info`, `accept`…) on the version the user saw (If-Match). */
export const transition = (
  request: Pick<ColocationRequest, 'id' | 'version'>,
  action: ColocationAction,
  body: StepBody,
): Promise<ColocationRequest> =>
  callEndpoint(STEPS[action], { params: { id: request.id }, body }, { ifMatch: request.version });

export async function fetchMessages(id: string, signal?: AbortSignal) {
  return (await callEndpoint(endpoints.listMessages, { params: { id } }, { signal })).items;
}

export const postMessage = (id: string, text: string) =>
  callEndpoint(endpoints.postMessage, { params: { id }, body: { text } });

/** An attachment as the API lists it. */
export type AttachmentInfo = AttachmentInfoBody;

export async function fetchAttachments(id: string, signal?: AbortSignal): Promise<AttachmentInfo[]> {
  return (await callEndpoint(endpoints.attachments.list, { params: { id } }, { signal })).items;
}

export const attachmentUrl = (requestId: string, attachmentId: string) =>
  pathOf(endpoints.attachments.download, { id: requestId, attachmentId });

/** Uploads one file (multipart `file`); the server checks type (first bytes) and size (≤ 10 MiB). */
export async function uploadAttachment(id: string, file: File, csrfToken: string | undefined) {
  const form = new FormData();
  form.set('file', file);
  const body = await sendForm(pathOf(endpoints.attachments.upload, { id }), form, { csrfToken });
  return endpoints.attachments.upload.responses[201].schema.parse(body);
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

/** The rent suggestion for the parameters of a query string made by {@link rentQuery}. */
export const fetchRent = (id: string, query: string, signal?: AbortSignal) =>
  callEndpoint(
    endpoints.rentSuggestion,
    { params: { id }, query: Object.fromEntries(new URLSearchParams(query)) },
    { signal },
  );

export const fetchOversight = (signal?: AbortSignal) =>
  callEndpoint(endpoints.oversight, { query: {} }, { signal });

export const OVERSIGHT_CSV_URL = `${endpoints.oversight.path}?format=csv`;

export const fetchOversightMap = (signal?: AbortSignal) =>
  callEndpoint(endpoints.oversightMap, {}, { signal });

export const fetchNotifications = (signal?: AbortSignal) =>
  callEndpoint(endpoints.listNotifications, { query: {} }, { signal });

export const markRead = (id: string) => callEndpoint(endpoints.markNotificationRead, { params: { id } });
export const markAllRead = () => callEndpoint(endpoints.markAllNotificationsRead, {});
