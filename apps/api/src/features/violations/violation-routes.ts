/**
 * `/violations`: commune inspections of violations (issue #9). Inspectors record violations in
 * their commune with photos; the status machine (reported → notified → resolved | escalated)
 * runs on the server; every write is one audited transaction, edits and transitions with If-Match.
 *
 * The policy admits the roles; the handlers then scope them (violation-access.ts): commune
 * inspectors record and act only in their own commune and read its reports; planners and admins
 * read and act everywhere; the Construction Department (reviewers) reads everything; an operator
 * reads the violations linked to its own assets (it is the one notified). The public sees none.
 */
import { violationEndpoints as endpoints, type ViolationAction } from '@hatang/contracts';
import type { Context } from 'hono';
import { attachmentRoutes } from '../../attachments/index.js';
import { actorsVisibleTo, historyBody, listHistory, ownerOrgOf } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { etag, readIfMatch } from '../../http/body.js';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import type { Rule } from '../../policy/rules.js';
import { violationScopeOf } from './violation-access.js';
import { listViolations } from './violation-repository.js';
import {
  assertMayActOn,
  correctViolation,
  readableViolation,
  recordViolation,
  stepViolation,
  VIOLATIONS,
} from './violation-service.js';

const READERS: Rule = {
  admin: 'all',
  planner: 'all',
  reviewer: 'all',
  inspector: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
};
const ACTORS: Rule = { admin: 'all', planner: 'all', inspector: 'all' };

const tagVersion = (c: Context<AppEnv>, v: { properties: { version: number } }) =>
  c.header('ETag', etag(v.properties.version));

/** A transition route: the action under If-Match, with the body's note. */
const transitionRoute = (
  endpoint:
    | typeof endpoints.notifyViolation
    | typeof endpoints.resolveViolation
    | typeof endpoints.escalateViolation,
  action: ViolationAction,
) =>
  defineRoute(
    endpoint,
    { resource: VIOLATIONS, action: 'update', rule: ACTORS },
    async (c, { params, body }) => {
      const moved = await stepViolation(c, params.id, readIfMatch(c), action, body.note);
      tagVersion(c, moved);
      return reply(c, endpoint, 200, moved);
    },
  );

export const violationRoutes: RouteDefinition[] = [
  defineRoute(
    endpoints.listViolations,
    { resource: VIOLATIONS, action: 'read', rule: READERS },
    async (c, { query }) => {
      const features = await listViolations(c.var.services.db, violationScopeOf(c.get('principal')), query);
      return reply(c, endpoints.listViolations, 200, { type: 'FeatureCollection', features, next: null });
    },
  ),
  defineRoute(
    endpoints.createViolation,
    { resource: VIOLATIONS, action: 'create', rule: ACTORS },
    async (c, { body }) => {
      const { violation, replayed } = await recordViolation(c, body);
      c.header('Location', `/api/v1/violations/${violation.id}`);
      tagVersion(c, violation);
      return reply(c, endpoints.createViolation, replayed ? 200 : 201, violation);
    },
  ),
  defineRoute(
    endpoints.getViolation,
    { resource: VIOLATIONS, action: 'read', rule: READERS },
    async (c, { params }) => {
      const found = await readableViolation(c, c.var.services.db, params.id);
      tagVersion(c, found);
      return reply(c, endpoints.getViolation, 200, found);
    },
  ),
  defineRoute(
    endpoints.updateViolation,
    { resource: VIOLATIONS, action: 'update', rule: ACTORS },
    async (c, { params, body }) => {
      const updated = await correctViolation(c, params.id, readIfMatch(c), body);
      tagVersion(c, updated);
      return reply(c, endpoints.updateViolation, 200, updated);
    },
  ),
  transitionRoute(endpoints.notifyViolation, 'notify'),
  transitionRoute(endpoints.resolveViolation, 'resolve'),
  transitionRoute(endpoints.escalateViolation, 'escalate'),
  defineRoute(
    endpoints.violationHistory,
    { resource: VIOLATIONS, action: 'read', rule: READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      const found = await readableViolation(c, db, params.id);
      // Readers are staff, the commune's inspectors (who record it) and the responsible operator.
      const principal = c.get('principal');
      const seesActor = principal?.roles.includes('inspector')
        ? () => true
        : actorsVisibleTo(principal, ownerOrgOf('responsibleOrgId'));
      return reply(
        c,
        endpoints.violationHistory,
        200,
        historyBody(await listHistory(db, VIOLATIONS, found.id), seesActor),
      );
    },
  ),
  // Photos (JPEG/PNG, or a PDF record): an upload without a purpose (`other`) is stored as a photo.
  ...attachmentRoutes({
    endpoints: endpoints.attachments,
    kind: 'violation',
    resource: VIOLATIONS,
    readers: READERS,
    attachers: ACTORS,
    attachAction: 'update',
    readable: readableViolation,
    assertMayAttach: (c, violation, db) => assertMayActOn(c, violation, db),
    purposeOf: (purpose) => (purpose === 'other' ? 'photo' : purpose),
    audit: { resource: 'violation-attachments', recordKey: 'violationId' },
  }),
];
