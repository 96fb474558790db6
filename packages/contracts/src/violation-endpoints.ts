/**
 * Commune violation inspections (issue #9): the reports, their status machine (each transition
 * under If-Match), their history and their photos. Who reads which report and who acts where is
 * the API's (features/violations/violation-access.ts): a report one may not read answers 404.
 */
import { z } from 'zod';
import { attachmentEndpoints } from './attachment-endpoints.js';
import { endpoint } from './endpoint.js';
import { recordHistory } from './history.js';
import {
  violationCollection,
  violationCreate,
  violationFeature,
  violationListQuery,
  violationPatch,
  violationTransition,
} from './violations.js';

const notFound = { description: 'No such violation (or not visible to the caller)' };
const conflict = { description: 'Stale If-Match: the current record in `current`' };
/** Ids as the API has always taken them: any 8-4-4-4-12 hexadecimal id. */
const byId = z.object({ id: z.guid() });

/** A transition (`notify`, `resolve`, `escalate`) under If-Match, with an optional note. */
const transition = <const P extends string>(path: P, summary: string) =>
  endpoint({
    method: 'POST',
    path,
    tag: 'violations',
    summary,
    ifMatch: 'required',
    params: byId,
    body: violationTransition,
    responses: {
      200: { description: 'The violation in its new status (ETag: its version)', schema: violationFeature },
      404: notFound,
      409: {
        description: 'Stale If-Match (the current record in `current`), or not allowed from its status',
      },
    },
  });

export const violationEndpoints = {
  listViolations: endpoint({
    method: 'GET',
    path: '/api/v1/violations',
    tag: 'violations',
    summary: 'The violations the caller may read, by status, kind, commune and bbox, newest first',
    query: violationListQuery,
    responses: { 200: { description: 'The violations', schema: violationCollection } },
  }),
  createViolation: endpoint({
    method: 'POST',
    path: '/api/v1/violations',
    tag: 'violations',
    summary: 'Record a violation (an inspector: inside their own commune only); idempotent by `clientId`',
    body: violationCreate,
    responses: {
      200: {
        description:
          'Already recorded by the caller under this `clientId` (a resent offline report): the stored report',
        schema: violationFeature,
      },
      201: { description: 'The report as stored (ETag: its version; Location)', schema: violationFeature },
      409: { description: 'The `clientId` is taken by another user of the organisation (CONFLICT)' },
    },
  }),
  getViolation: endpoint({
    method: 'GET',
    path: '/api/v1/violations/:id',
    tag: 'violations',
    summary: 'One violation (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The violation', schema: violationFeature }, 404: notFound },
  }),
  updateViolation: endpoint({
    method: 'PATCH',
    path: '/api/v1/violations/:id',
    tag: 'violations',
    ifMatch: 'required',
    summary: 'Correct the description, the kind or the links of a violation under If-Match',
    params: byId,
    body: violationPatch,
    responses: {
      200: { description: 'The violation as stored (ETag: its version)', schema: violationFeature },
      404: notFound,
      409: conflict,
    },
  }),
  notifyViolation: transition(
    '/api/v1/violations/:id/notify',
    'Record that the responsible organisation was notified (from reported)',
  ),
  resolveViolation: transition(
    '/api/v1/violations/:id/resolve',
    'Mark a violation resolved (from notified or escalated)',
  ),
  escalateViolation: transition(
    '/api/v1/violations/:id/escalate',
    'Escalate a violation (from reported or notified)',
  ),
  violationHistory: endpoint({
    method: 'GET',
    path: '/api/v1/violations/:id/history',
    tag: 'violations',
    summary:
      "A violation's versions, newest first (actors shown to staff, inspectors and the responsible owner)",
    params: byId,
    responses: { 200: { description: 'The history', schema: recordHistory }, 404: notFound },
  }),
  attachments: attachmentEndpoints('/api/v1/violations', 'violations', 'violation report'),
} as const;
