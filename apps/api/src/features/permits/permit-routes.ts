/**
 * `/permit-applications`: operators file applications for towers, pole lines, duct works and
 * in-building works; the Construction Department reviews them. Every transition is one audited transaction with
 * If-Match optimistic concurrency (permit-service.ts).
 */
import {
  ductWorksDetails,
  permitEndpoints as endpoints,
  inBuildingWorksDetails,
  lineStringGeometry,
  pointGeometry,
  poleLineDetails,
  toIssues,
  towerDetails,
} from '@hatang/contracts';
import type { ZodType } from 'zod';
import { attachmentResponse } from '../../attachments/index.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { etag, readIfMatch } from '../../http/body.js';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import { currentCheckConfig } from './check-config-repository.js';
import { findDecisionDocument } from './decision-document.js';
import {
  APPLICANTS,
  assertApplicant,
  assertMayRead,
  CHECKERS,
  READERS,
  RECORD_READERS,
  REVIEWERS,
  readScopeOf,
  seesStaffChecks,
  wrongStatus,
} from './permit-access.js';
import { permitConfigRoutes } from './permit-config-routes.js';
import { permitDrawingRoutes } from './permit-drawings.js';
import { permitAttachmentRoutes, permitCommentRoutes } from './permit-file-routes.js';
import {
  findApplication,
  listApplications,
  setStatus,
  updateApplicantFields,
  type WorksGeometry,
} from './permit-repository.js';
import {
  applicationView,
  createApplication,
  decideStep,
  rerunChecks,
  submitStep,
  transition,
} from './permit-service.js';
import { assertServedOperators } from './served-operators.js';

const DETAILS = {
  tower: towerDetails,
  pole_line: poleLineDetails,
  duct_works: ductWorksDetails,
  in_building: inBuildingWorksDetails,
} as const;
const GEOMETRY = {
  tower: pointGeometry,
  pole_line: lineStringGeometry,
  duct_works: lineStringGeometry,
  in_building: pointGeometry,
} as const;

/** Parses one part of a PATCH body against the application's kind; 400 with paths under `part`. */
function parsePart<T>(schema: ZodType<T>, value: unknown, part: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationFailed(toIssues(parsed.error).map((i) => ({ ...i, path: [part, ...i.path] })));
}

const resource = 'permit-applications';

// Order matters to the authorisation matrix's attempt maker: create, read, change, submit, then
// the reviewer's steps, then withdraw.
const applicationRoutes = [
  defineRoute(
    endpoints.listPermitApplications,
    { resource, action: 'read', rule: READERS },
    async (c, { query }) => {
      const db = c.var.services.db;
      const { params } = await currentCheckConfig(db);
      const items = await listApplications(
        db,
        readScopeOf(c.get('principal')),
        query,
        params.review.statutoryPeriodDays,
        seesStaffChecks(c.get('principal')),
      );
      return reply(c, endpoints.listPermitApplications, 200, {
        items,
        statutoryPeriodDays: params.review.statutoryPeriodDays,
      });
    },
  ),
  defineRoute(
    endpoints.createPermitApplication,
    { resource, action: 'create', rule: APPLICANTS },
    async (c, { body }) => {
      const created = await createApplication(c, body);
      c.header('Location', `/api/v1/permit-applications/${created.id}`);
      c.header('ETag', etag(created.version));
      return reply(c, endpoints.createPermitApplication, 201, created);
    },
  ),
  defineRoute(
    endpoints.getPermitApplication,
    { resource, action: 'read', rule: RECORD_READERS },
    async (c, { params }) => {
      const found = await applicationView(c.var.services.db, c, params.id);
      assertMayRead(c.get('principal'), found);
      if (!found) throw notFound('Permit application');
      c.header('ETag', etag(found.version));
      return reply(c, endpoints.getPermitApplication, 200, found);
    },
  ),
  defineRoute(
    endpoints.runPermitChecks,
    { resource, action: 'update', rule: CHECKERS },
    async (c, { params }) => {
      const result = await rerunChecks(c, params.id);
      c.header('ETag', etag(result.version));
      return reply(c, endpoints.runPermitChecks, 200, result);
    },
  ),
  /** Edits a draft, or an application the reviewer asked more information about. */
  defineRoute(
    endpoints.updatePermitApplication,
    { resource, action: 'update', rule: APPLICANTS },
    async (c, { params, body }) => {
      const result = await transition(c, params.id, readIfMatch(c), async (tx, current) => {
        assertApplicant(c.get('principal'), current);
        if (current.status !== 'draft' && current.status !== 'info_requested')
          throw wrongStatus(current, 'edited');
        const details =
          body.details === undefined
            ? current.details
            : parsePart<unknown>(DETAILS[current.kind], body.details, 'details');
        if (body.details !== undefined) await assertServedOperators(tx, current.kind, details);
        await updateApplicantFields(tx, current.id, {
          title: body.title ?? current.title,
          details,
          justification: body.justification === undefined ? current.justification : body.justification,
          siteOfferId: body.siteOfferId === undefined ? current.siteOfferId : body.siteOfferId,
          geometry:
            body.geometry === undefined
              ? current.geometry
              : parsePart<WorksGeometry>(GEOMETRY[current.kind], body.geometry, 'geometry'),
        });
      });
      c.header('ETag', etag(result.version));
      return reply(c, endpoints.updatePermitApplication, 200, result);
    },
  ),
  /** Files a draft (or answers a request for more information): from now on it is frozen. */
  defineRoute(
    endpoints.submitPermitApplication,
    { resource, action: 'update', rule: APPLICANTS },
    async (c, { params }) => {
      const result = await transition(c, params.id, readIfMatch(c), async (tx, current) => {
        assertApplicant(c.get('principal'), current);
        if (current.status !== 'draft' && current.status !== 'info_requested')
          throw wrongStatus(current, 'submitted');
        await submitStep(tx, current);
      });
      c.header('ETag', etag(result.version));
      return reply(c, endpoints.submitPermitApplication, 200, result);
    },
  ),
  defineRoute(
    endpoints.requestPermitInfo,
    { resource, action: 'update', rule: REVIEWERS },
    async (c, { params, body }) => {
      const result = await transition(c, params.id, readIfMatch(c), async (tx, current) => {
        if (current.status !== 'submitted') throw wrongStatus(current, 'sent back for more information');
        await setStatus(tx, current.id, { status: 'info_requested', reviewNote: body.reason });
      });
      c.header('ETag', etag(result.version));
      return reply(c, endpoints.requestPermitInfo, 200, result);
    },
  ),
  /** The reviewer's decision: approve, approve with conditions, reject with a reason, or close as exempt. */
  defineRoute(
    endpoints.decidePermitApplication,
    { resource, action: 'update', rule: REVIEWERS },
    async (c, { params, body }) => {
      const result = await transition(c, params.id, readIfMatch(c), (tx, current) =>
        decideStep(tx, c, current, body),
      );
      c.header('ETag', etag(result.version));
      return reply(c, endpoints.decidePermitApplication, 200, result);
    },
  ),
  /** The decision document (PDF) stored with the decision; 404 before a decision. */
  defineRoute(
    endpoints.permitDecisionDocument,
    { resource, action: 'read', rule: RECORD_READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      const found = assertMayRead(c.get('principal'), await findApplication(db, params.id));
      const file = await findDecisionDocument(db, found.id);
      if (!file) throw new ApiError(404, 'NOT_FOUND', 'This permit application has no decision yet');
      return attachmentResponse(c, file);
    },
  ),
];

const withdrawRoute = defineRoute(
  endpoints.withdrawPermitApplication,
  { resource, action: 'update', rule: APPLICANTS },
  async (c, { params }) => {
    const result = await transition(c, params.id, readIfMatch(c), async (tx, current) => {
      assertApplicant(c.get('principal'), current);
      if (!['draft', 'submitted', 'info_requested'].includes(current.status))
        throw wrongStatus(current, 'withdrawn');
      await setStatus(tx, current.id, { status: 'withdrawn' });
    });
    c.header('ETag', etag(result.version));
    return reply(c, endpoints.withdrawPermitApplication, 200, result);
  },
);

export const permitRoutes: RouteDefinition[] = [
  ...applicationRoutes,
  ...permitAttachmentRoutes,
  ...permitDrawingRoutes,
  ...permitCommentRoutes,
  withdrawRoute,
  ...permitConfigRoutes,
];
