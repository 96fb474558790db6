import {
  ductWorksDetails,
  lineStringGeometry,
  type PermitApplicationCreate,
  permitApplicationCreate,
  permitApplicationPatch,
  permitDecision,
  permitInfoRequest,
  permitListQuery,
  pointGeometry,
  poleLineDetails,
  toIssues,
  towerDetails,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import type { ZodType } from 'zod';
import { attachmentResponse } from '../attachments/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { etag, readIfMatch } from '../http/body.js';
import { parseBody, userOf } from '../http/request-input.js';
import { currentCheckConfig } from '../permits/check-config-store.js';
import { findDecisionDocument, storeDecisionDocument } from '../permits/decision-document.js';
import {
  assertApplicant,
  assertMayRead,
  readScopeOf,
  seesStaffChecks,
  staleApplication,
  wrongStatus,
} from '../permits/permit-access.js';
import { runPermitChecks, storeChecks } from '../permits/permit-checks.js';
import { permitConfigRoutes } from '../permits/permit-config-routes.js';
import {
  createApprovedAsset,
  isPermit,
  nextDecisionNumber,
  storeDecisionFacts,
  vietnamYear,
} from '../permits/permit-decision.js';
import { permitFileRoutes } from '../permits/permit-file-routes.js';
import {
  findApplication,
  findApplicationView,
  insertApplication,
  listApplications,
  type PermitApplication,
  type PermitApplicationView,
  type StatusChange,
  setStatus,
  updateApplicantFields,
} from '../permits/permit-store.js';

const DETAILS = { tower: towerDetails, pole_line: poleLineDetails, duct_works: ductWorksDetails } as const;
const GEOMETRY = {
  tower: pointGeometry,
  pole_line: lineStringGeometry,
  duct_works: lineStringGeometry,
} as const;

/**
 * `/permit-applications`: operators file applications for towers, pole lines and duct works;
 * the Construction Department reviews them. Every transition is one audited transaction with
 * If-Match optimistic concurrency.
 */
export function permitRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/permit-applications', async (c) => {
    const parsed = permitListQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const { params } = await currentCheckConfig(db);
    const items = await listApplications(
      db,
      readScopeOf(c.get('principal')),
      parsed.data,
      params.review.statutoryPeriodDays,
      seesStaffChecks(c.get('principal')),
    );
    return c.json({ items, statutoryPeriodDays: params.review.statutoryPeriodDays });
  });

  app.post('/permit-applications', async (c) => {
    const input: PermitApplicationCreate = await parseBody(c, permitApplicationCreate);
    const principal = c.get('principal');
    if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    const created = await db.transaction(async (tx) => {
      const id = await insertApplication(tx, {
        kind: input.kind,
        applicantOrgId: principal.orgId,
        title: input.title,
        details: input.details,
        justification: input.justification ?? null,
        siteOfferId: input.siteOfferId ?? null,
        geometry: input.geometry,
        createdBy: userOf(c),
      });
      const after = await findApplication(tx, id);
      await audit(tx, c, id, null, after);
      return after;
    });
    if (!created) throw new Error('permit application vanished after insert');
    c.header('Location', `/api/v1/permit-applications/${created.id}`);
    c.header('ETag', etag(created.version));
    return c.json(created, 201);
  });

  app.get('/permit-applications/:id', async (c) => {
    const { params } = await currentCheckConfig(db);
    const found = assertMayRead(
      c.get('principal'),
      await findApplicationView(
        db,
        c.req.param('id'),
        params.review.statutoryPeriodDays,
        seesStaffChecks(c.get('principal')),
      ),
    );
    c.header('ETag', etag(found.version));
    return c.json(found);
  });

  /** Edits a draft, or an application the reviewer asked more information about. */
  app.patch('/permit-applications/:id', async (c) => {
    const expected = readIfMatch(c);
    const input = await parseBody(c, permitApplicationPatch);
    const result = await transition(c, expected, async (tx, current) => {
      assertApplicant(c.get('principal'), current);
      if (current.status !== 'draft' && current.status !== 'info_requested')
        throw wrongStatus(current, 'edited');
      const details: unknown =
        input.details === undefined
          ? current.details
          : parsePart<unknown>(DETAILS[current.kind], input.details, 'details');
      const geometry =
        input.geometry === undefined
          ? current.geometry
          : parsePart<unknown>(GEOMETRY[current.kind], input.geometry, 'geometry');
      await updateApplicantFields(tx, current.id, {
        title: input.title ?? current.title,
        details,
        justification: input.justification === undefined ? current.justification : input.justification,
        siteOfferId: input.siteOfferId === undefined ? current.siteOfferId : input.siteOfferId,
        geometry,
      });
    });
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  /** Files a draft (or answers a request for more information): from now on it is frozen. */
  app.post('/permit-applications/:id/submit', async (c) => {
    const expected = readIfMatch(c);
    const result = await transition(c, expected, async (tx, current) => {
      assertApplicant(c.get('principal'), current);
      if (current.status !== 'draft' && current.status !== 'info_requested')
        throw wrongStatus(current, 'submitted');
      await setStatus(tx, current.id, { status: 'submitted', submitted: true });
      const filed = await findApplication(tx, current.id);
      if (filed) await storeChecks(tx, current.id, await runPermitChecks(tx, filed), false);
    });
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  /** Runs the automatic checks again (e.g. after the plan changed) and stores their results. */
  app.post('/permit-applications/:id/checks', async (c) => {
    const result = await db.transaction(async (tx) => {
      const current = assertMayRead(c.get('principal'), await findApplication(tx, c.req.param('id'), true));
      await storeChecks(tx, current.id, await runPermitChecks(tx, current), true);
      const after = await findApplication(tx, current.id);
      await audit(tx, c, current.id, current, after);
      const { params } = await currentCheckConfig(tx);
      return (
        after &&
        findApplicationView(
          tx,
          current.id,
          params.review.statutoryPeriodDays,
          seesStaffChecks(c.get('principal')),
        )
      );
    });
    if (!result) throw notFound('Permit application');
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  app.post('/permit-applications/:id/withdraw', async (c) => {
    const expected = readIfMatch(c);
    const result = await transition(c, expected, async (tx, current) => {
      assertApplicant(c.get('principal'), current);
      if (!['draft', 'submitted', 'info_requested'].includes(current.status))
        throw wrongStatus(current, 'withdrawn');
      await setStatus(tx, current.id, { status: 'withdrawn' });
    });
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  app.post('/permit-applications/:id/request-info', async (c) => {
    const expected = readIfMatch(c);
    const input = await parseBody(c, permitInfoRequest);
    const result = await transition(c, expected, async (tx, current) => {
      if (current.status !== 'submitted') throw wrongStatus(current, 'sent back for more information');
      await setStatus(tx, current.id, { status: 'info_requested', reviewNote: input.reason });
    });
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  /** The reviewer's decision: approve, approve with conditions, reject with a reason, or close as exempt. */
  app.post('/permit-applications/:id/decision', async (c) => {
    const expected = readIfMatch(c);
    const input = await parseBody(c, permitDecision);
    const result = await transition(c, expected, async (tx, current) => {
      if (current.status !== 'submitted') throw wrongStatus(current, 'decided');
      const change: StatusChange = {
        status: input.outcome,
        reviewNote: input.reason ?? null,
        conditions: input.conditions,
        decidedBy: userOf(c),
      };
      await setStatus(tx, current.id, change);
      const decided = await findApplication(tx, current.id);
      if (!decided?.decidedAt) throw notFound('Permit application');
      const number = await nextDecisionNumber(tx, input.outcome, vietnamYear(new Date(decided.decidedAt)));
      const asset = isPermit(input.outcome) ? await createApprovedAsset(tx, c, decided, number) : null;
      await storeDecisionFacts(tx, current.id, number, asset);
      const numbered = await findApplication(tx, current.id);
      if (numbered) await storeDecisionDocument(tx, numbered, userOf(c));
    });
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  /** The decision document (PDF) stored with the decision; 404 before a decision. */
  app.get('/permit-applications/:id/decision.pdf', async (c) => {
    const found = assertMayRead(c.get('principal'), await findApplication(db, c.req.param('id')));
    const file = await findDecisionDocument(db, found.id);
    if (!file) throw new ApiError(404, 'NOT_FOUND', 'This permit application has no decision yet');
    return attachmentResponse(c, file);
  });

  /** Locks the application, checks read access and If-Match, applies `step`, audits, returns the new state. */
  async function transition(
    c: Context<AppEnv>,
    expected: number,
    step: (tx: Sql, current: PermitApplication) => Promise<void>,
  ): Promise<PermitApplicationView> {
    return db.transaction(async (tx) => {
      const current = assertMayRead(
        c.get('principal'),
        await findApplication(tx, c.req.param('id') ?? '', true),
      );
      if (current.version !== expected) throw staleApplication(current, expected);
      await step(tx, current);
      const after = await findApplication(tx, current.id);
      if (!after) throw notFound('Permit application');
      await audit(tx, c, current.id, current, after);
      const { params } = await currentCheckConfig(tx);
      return (
        (await findApplicationView(
          tx,
          current.id,
          params.review.statutoryPeriodDays,
          seesStaffChecks(c.get('principal')),
        )) ?? {
          ...after,
          daysElapsed: null,
          dueAt: null,
          overdue: false,
          statutoryPeriodDays: params.review.statutoryPeriodDays,
        }
      );
    });
  }

  app.route('/', permitFileRoutes(db));
  app.route('/', permitConfigRoutes(db));
  return app;
}

function audit(tx: Sql, c: Context<AppEnv>, id: string, before: PermitApplication | null, after: unknown) {
  return recordAudit(tx, c, {
    resource: 'permit-applications',
    recordId: id,
    action: before ? 'update' : 'create',
    version: (after as PermitApplication | undefined)?.version ?? 1,
    before,
    after,
  });
}

/** Parses one part of a PATCH body against the application's kind; 400 with paths under `part`. */
function parsePart<T>(schema: ZodType<T>, value: unknown, part: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationFailed(toIssues(parsed.error).map((i) => ({ ...i, path: [part, ...i.path] })));
}
