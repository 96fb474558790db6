/**
 * Co-location requests between operators, their messages, files and rent suggestion, the
 * oversight table and map, occupancies and the notification bell (issue #10), declared once. The
 * transitions take `If-Match: "<version>"` (428 without, 409 VERSION_CONFLICT when stale).
 */
import { z } from 'zod';
import { attachmentEndpoints } from './attachment-endpoints.js';
import {
  colocationAccept,
  colocationAcceptWithConditions,
  colocationInfoRequest,
  colocationListQuery,
  colocationMessage,
  colocationMessageCreate,
  colocationMessageList,
  colocationOccupancyList,
  colocationReject,
  colocationRequest,
  colocationRequestCreate,
  colocationRequestList,
  colocationRespond,
  colocationWithdraw,
  notification,
  notificationList,
  notificationListQuery,
  notificationsMarkedRead,
  occupancyListQuery,
  oversightMap,
  oversightQuery,
  oversightTable,
  rentSuggestion,
  rentSuggestionQuery,
} from './colocation.js';
import { endpoint } from './endpoint.js';

const BASE = '/api/v1/colocation-requests';
const TAG = 'colocation';
const notFound = { description: 'No such request (or not visible to the caller)' };
const byId = z.object({ id: z.guid() });

/** A transition: the owner's or the requester's step under If-Match. */
const step = <const P extends string, B extends z.ZodType>(action: P, body: B, summary: string) =>
  endpoint({
    method: 'POST',
    path: `${BASE}/:id/${action}` as `${typeof BASE}/:id/${P}`,
    tag: TAG,
    ifMatch: 'required',
    summary: `${summary} (If-Match)`,
    params: byId,
    body,
    responses: {
      200: { description: 'The request as stored (ETag: its version)', schema: colocationRequest },
      403: { description: 'Not the party that takes this step' },
      404: notFound,
      409: {
        description:
          'Stale If-Match (VERSION_CONFLICT), a step the status does not allow (INVALID_STATE) or no room left (CONFLICT)',
      },
      428: { description: 'No If-Match' },
    },
  });

export const colocationEndpoints = {
  listRequests: endpoint({
    method: 'GET',
    path: BASE,
    tag: TAG,
    summary:
      "Co-location requests, newest first: an operator's incoming and outgoing boxes; planners and admins all",
    query: colocationListQuery,
    responses: { 200: { description: 'The requests', schema: colocationRequestList } },
  }),
  createRequest: endpoint({
    method: 'POST',
    path: BASE,
    tag: TAG,
    summary: 'File a co-location request (one that does not fit is stored with its reasons)',
    body: colocationRequestCreate,
    responses: {
      201: { description: 'The request as stored (ETag: its version; Location)', schema: colocationRequest },
    },
  }),
  oversight: endpoint({
    method: 'GET',
    path: `${BASE}/oversight`,
    tag: TAG,
    summary:
      'Per owner organisation: requests received, answered, pending, median days to answer, acceptance rate, overdue',
    query: oversightQuery,
    responses: {
      200: {
        description: 'The table (JSON), or CSV (UTF-8 with BOM) with `format=csv`',
        schema: oversightTable,
      },
    },
  }),
  oversightMap: endpoint({
    method: 'GET',
    path: `${BASE}/oversight/map`,
    tag: TAG,
    summary: 'Pending requests as points at their target',
    responses: { 200: { description: 'A GeoJSON FeatureCollection', schema: oversightMap } },
  }),
  getRequest: endpoint({
    method: 'GET',
    path: `${BASE}/:id`,
    tag: TAG,
    summary: 'One co-location request (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The request', schema: colocationRequest }, 404: notFound },
  }),
  requestInfo: step('request-info', colocationInfoRequest, 'Ask the requester for information'),
  accept: step('accept', colocationAccept, 'Accept: capacity re-checked, the space taken'),
  acceptWithConditions: step(
    'accept-with-conditions',
    colocationAcceptWithConditions,
    'Accept with conditions: capacity re-checked, the space taken',
  ),
  reject: step('reject', colocationReject, 'Reject with a reason'),
  withdraw: step('withdraw', colocationWithdraw, 'Withdraw (the requester)'),
  respond: step('respond', colocationRespond, 'Answer an information request (submitted again)'),
  listMessages: endpoint({
    method: 'GET',
    path: `${BASE}/:id/messages`,
    tag: TAG,
    summary: "A request's messages, oldest first",
    params: byId,
    responses: { 200: { description: 'The messages', schema: colocationMessageList }, 404: notFound },
  }),
  postMessage: endpoint({
    method: 'POST',
    path: `${BASE}/:id/messages`,
    tag: TAG,
    summary: 'Write to the other party (either party, admins)',
    params: byId,
    body: colocationMessageCreate,
    responses: { 201: { description: 'The message', schema: colocationMessage }, 404: notFound },
  }),
  attachments: attachmentEndpoints(BASE, TAG, 'co-location request'),
  rentSuggestion: endpoint({
    method: 'GET',
    path: `${BASE}/:id/rent-suggestion`,
    tag: TAG,
    summary: 'The cost-based rent (JC 210/2013), defaults from the asset; every input overridable',
    params: byId,
    query: rentSuggestionQuery,
    responses: { 200: { description: 'The suggestion', schema: rentSuggestion }, 404: notFound },
  }),
  listOccupancies: endpoint({
    method: 'GET',
    path: '/api/v1/colocation-occupancies',
    tag: TAG,
    summary: 'What accepted requests hold, per asset (operators: as owner or occupant)',
    query: occupancyListQuery,
    responses: { 200: { description: 'The occupancies, newest first', schema: colocationOccupancyList } },
  }),
  listNotifications: endpoint({
    method: 'GET',
    path: '/api/v1/notifications',
    tag: 'notifications',
    summary: "The user's notifications, newest first, with the unread count",
    query: notificationListQuery,
    responses: { 200: { description: 'The notifications', schema: notificationList } },
  }),
  markAllNotificationsRead: endpoint({
    method: 'POST',
    path: '/api/v1/notifications/read-all',
    tag: 'notifications',
    summary: "Mark all the user's notifications read",
    responses: { 200: { description: 'How many were marked', schema: notificationsMarkedRead } },
  }),
  markNotificationRead: endpoint({
    method: 'POST',
    path: '/api/v1/notifications/:id/read',
    tag: 'notifications',
    summary: "Mark one of the user's notifications read",
    params: byId,
    responses: {
      200: { description: 'The notification', schema: notification },
      404: { description: 'No such notification of the user' },
    },
  }),
} as const;
