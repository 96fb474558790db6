import {
  toIssues,
  VIOLATION_TRANSITIONS,
  type ViolationAction,
  type ViolationFeature,
  violationCreate,
  violationListQuery,
  violationPatch,
  violationTransition,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import {
  attachmentResponse,
  insertAttachment,
  listAttachments,
  readAttachment,
  readAttachmentUpload,
} from '../attachments/index.js';
import { actorsVisibleTo, historyBody, listHistory, ownerOrgOf, recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { etag, readIfMatch } from '../http/body.js';
import { parseBody, userOf } from '../http/request-input.js';
import {
  assertMayActIn,
  assertMayReadViolation,
  staleViolation,
  violationScopeOf,
} from '../violations/violation-access.js';
import {
  findViolation,
  insertViolation,
  listViolations,
  responsibleOrgOf,
  setViolationStatus,
  unitName,
  updateViolationFields,
} from '../violations/violation-store.js';

const RESOURCE = 'violations';
const ACTIONS: ViolationAction[] = ['notify', 'resolve', 'escalate'];

/**
 * `/violations`: commune inspections of violations (issue #9). Inspectors record violations in
 * their commune with photos; the status machine (reported → notified → resolved | escalated)
 * runs on the server; every write is one audited transaction, edits and transitions with If-Match.
 */
export function violationRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  /** A GeoJSON FeatureCollection of the violations the user may read, newest first. */
  app.get('/violations', async (c) => {
    const parsed = violationListQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const features = await listViolations(db, violationScopeOf(c.get('principal')), parsed.data);
    return c.json({ type: 'FeatureCollection', features, next: null });
  });

  app.post('/violations', async (c) => {
    const input = await parseBody(c, violationCreate);
    const principal = c.get('principal');
    const created = await db.transaction(async (tx) => {
      const asset = input.asset ?? null;
      const permitApplicationId = input.permitApplicationId ?? null;
      const id = await insertViolation(tx, {
        kind: input.kind,
        description: input.description,
        geometry: input.geometry,
        asset,
        permitApplicationId,
        responsibleOrgId: await responsibleOrgOf(tx, asset, permitApplicationId, {
          principal: c.get('principal'),
        }),
        reportedBy: userOf(c),
        reportedOrgId: principal?.orgId ?? null,
      });
      const after = await findViolation(tx, id);
      if (!after) throw new Error('violation vanished after insert');
      // The trigger placed it in its commune: an inspector may only record in their own.
      const unit = after.properties.adminUnitCode;
      assertMayActIn(principal, unit, await unitName(tx, unit));
      await audit(tx, c, after.id, null, after);
      return after;
    });
    c.header('Location', `/api/v1/violations/${created.id}`);
    c.header('ETag', etag(created.properties.version));
    return c.json(created, 201);
  });

  app.get('/violations/:id', async (c) => {
    const found = assertMayReadViolation(c.get('principal'), await findViolation(db, c.req.param('id')));
    c.header('ETag', etag(found.properties.version));
    return c.json(found);
  });

  /** Corrects the description, the kind or the links (the place and the status are not edited here). */
  app.patch('/violations/:id', async (c) => {
    const expected = readIfMatch(c);
    const input = await parseBody(c, violationPatch);
    const result = await change(c, expected, async (tx, current) => {
      const p = current.properties;
      const asset = input.asset === undefined ? p.asset : input.asset;
      const permitApplicationId =
        input.permitApplicationId === undefined ? p.permitApplicationId : input.permitApplicationId;
      await updateViolationFields(tx, current.id, {
        kind: input.kind ?? p.kind,
        description: input.description ?? p.description,
        asset,
        permitApplicationId,
        responsibleOrgId: await responsibleOrgOf(
          tx,
          asset,
          permitApplicationId,
          permitApplicationId === p.permitApplicationId ? undefined : { principal: c.get('principal') },
        ),
      });
    });
    c.header('ETag', etag(result.properties.version));
    return c.json(result);
  });

  for (const action of ACTIONS) {
    app.post(`/violations/:id/${action}`, async (c) => {
      const expected = readIfMatch(c);
      const input = await parseBody(c, violationTransition);
      const { to, from } = VIOLATION_TRANSITIONS[action];
      const result = await change(c, expected, async (tx, current) => {
        if (!from.includes(current.properties.status))
          throw new ApiError(
            409,
            'INVALID_STATE',
            `A violation that is ${current.properties.status} cannot be ${to} (only from ${from.join(' or ')})`,
          );
        await setViolationStatus(tx, current.id, to, input.note || null);
      });
      c.header('ETag', etag(result.properties.version));
      return c.json(result);
    });
  }

  app.get('/violations/:id/history', async (c) => {
    const found = assertMayReadViolation(c.get('principal'), await findViolation(db, c.req.param('id')));
    // Readers are staff, the commune's inspectors (who record it) and the responsible operator.
    const principal = c.get('principal');
    const seesActor = principal?.roles.includes('inspector')
      ? () => true
      : actorsVisibleTo(principal, ownerOrgOf('responsibleOrgId'));
    return c.json(historyBody(await listHistory(db, RESOURCE, found.id), seesActor));
  });

  /** Adds a photo (JPEG/PNG, or a PDF record) to the report; audited as a new attachment. */
  app.post('/violations/:id/attachments', async (c) => {
    // Who may attach is settled before a byte of the body is read; again under the lock after.
    const found = assertMayReadViolation(c.get('principal'), await findViolation(db, c.req.param('id')));
    const where = found.properties.adminUnitCode;
    assertMayActIn(c.get('principal'), where, await unitName(db, where));
    const upload = await readAttachmentUpload(c);
    const stored = await db.transaction(async (tx) => {
      const current = assertMayReadViolation(
        c.get('principal'),
        await findViolation(tx, c.req.param('id'), true),
      );
      const unit = current.properties.adminUnitCode;
      assertMayActIn(c.get('principal'), unit, await unitName(tx, unit));
      const info = await insertAttachment(
        tx,
        { kind: 'violation', id: current.id },
        { ...upload, purpose: upload.purpose === 'other' ? 'photo' : upload.purpose },
        userOf(c),
      );
      await recordAudit(tx, c, {
        resource: 'violation-attachments',
        recordId: info.id,
        action: 'create',
        version: 1,
        before: null,
        after: { violationId: current.id, ...info },
      });
      return info;
    });
    c.header('Location', `/api/v1/violations/${c.req.param('id')}/attachments/${stored.id}`);
    return c.json(stored, 201);
  });

  app.get('/violations/:id/attachments', async (c) => {
    const found = assertMayReadViolation(c.get('principal'), await findViolation(db, c.req.param('id')));
    return c.json({ items: await listAttachments(db, { kind: 'violation', id: found.id }) });
  });

  app.get('/violations/:id/attachments/:attachmentId', async (c) => {
    const found = assertMayReadViolation(c.get('principal'), await findViolation(db, c.req.param('id')));
    const file = await readAttachment(db, { kind: 'violation', id: found.id }, c.req.param('attachmentId'));
    return attachmentResponse(c, file);
  });

  /** Locks the violation, checks access and If-Match, applies `step`, audits, returns the new state. */
  async function change(
    c: Context<AppEnv>,
    expected: number,
    step: (tx: Sql, current: ViolationFeature) => Promise<void>,
  ): Promise<ViolationFeature> {
    return db.transaction(async (tx) => {
      const principal = c.get('principal');
      const current = assertMayReadViolation(
        principal,
        await findViolation(tx, c.req.param('id') ?? '', true),
      );
      const unit = current.properties.adminUnitCode;
      assertMayActIn(principal, unit, await unitName(tx, unit));
      if (current.properties.version !== expected) throw staleViolation(current, expected);
      await step(tx, current);
      const after = await findViolation(tx, current.id);
      if (!after) throw notFound('Violation');
      await audit(tx, c, current.id, current, after);
      return after;
    });
  }

  return app;
}

function audit(
  tx: Sql,
  c: Context<AppEnv>,
  id: string,
  before: ViolationFeature | null,
  after: ViolationFeature,
) {
  return recordAudit(tx, c, {
    resource: RESOURCE,
    recordId: id,
    action: before ? 'update' : 'create',
    version: after.properties.version,
    before,
    after,
  });
}
