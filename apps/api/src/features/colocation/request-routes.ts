/**
 * `/colocation-requests`: co-location requests between operators (issue #10), declared once. The
 * policy admits the roles; the handlers then scope them (request-access.ts): operators see and
 * act on requests their organisation made (requester) or received (owner) — owner editors answer,
 * requester editors withdraw and respond; planners and admins read everything.
 */
import { colocationEndpoints as endpoints, type ParsedInput } from '@hatang/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { etag, readIfMatch } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { EDITORS, READERS } from './colocation-rules.js';
import { assertMayRead, listScopeOf } from './request-access.js';
import { findRequest, listRequests, type StoredRequest, withOverdue } from './request-repository.js';
import { fileRequest, steps } from './request-service.js';

const resource = 'colocation-requests';

const tagVersion = (c: Context<AppEnv>, request: StoredRequest) => c.header('ETag', etag(request.version));

export const requestRoutes = [
  defineRoute(endpoints.listRequests, { resource, action: 'read', rule: READERS }, async (c, { query }) => {
    const scope = listScopeOf(c.get('principal'), query.box);
    const items = await listRequests(c.var.services.db, scope, query);
    return reply(c, endpoints.listRequests, 200, { items: items.map(withOverdue) });
  }),
  defineRoute(endpoints.createRequest, { resource, action: 'create', rule: EDITORS }, async (c, { body }) => {
    const created = await fileRequest(c, body);
    c.header('Location', `/api/v1/colocation-requests/${created.id}`);
    tagVersion(c, created);
    return reply(c, endpoints.createRequest, 201, withOverdue(created));
  }),
  defineRoute(endpoints.getRequest, { resource, action: 'read', rule: READERS }, async (c, { params }) => {
    const found = assertMayRead(c.get('principal'), await findRequest(c.var.services.db, params.id));
    tagVersion(c, found);
    return reply(c, endpoints.getRequest, 200, withOverdue(found));
  }),
];

type StepEndpoint = (typeof endpoints)[
  | 'requestInfo'
  | 'accept'
  | 'acceptWithConditions'
  | 'reject'
  | 'withdraw'
  | 'respond'];

/** A transition under If-Match; the body was checked against the step's contract. */
function transition<E extends StepEndpoint>(
  endpoint: E,
  step: (
    c: Context<AppEnv>,
    id: string,
    expected: number,
    body: ParsedInput<E>['body'],
  ) => Promise<StoredRequest>,
) {
  return defineRoute(endpoint, { resource, action: 'update', rule: EDITORS }, async (c, { params, body }) => {
    const after = await step(c, params.id, readIfMatch(c), body);
    tagVersion(c, after);
    // Every step answers the request as stored.
    const answered: StepEndpoint = endpoint;
    return reply(c, answered, 200, withOverdue(after));
  });
}

export const transitionRoutes = [
  transition(endpoints.requestInfo, steps.requestInfo),
  transition(endpoints.accept, steps.accept),
  transition(endpoints.acceptWithConditions, steps.acceptWithConditions),
  transition(endpoints.reject, steps.reject),
  transition(endpoints.withdraw, steps.withdraw),
  transition(endpoints.respond, steps.respond),
];
