import { type ResourceDefinition, restoreRequest, toIssues, validateProperties } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { actorsVisibleTo, historyBody, listHistory, ownerOrgOf, recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { etag, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { versionConflict } from '../http/version-conflict.js';
import { assertMayTouch } from '../policy/authorize.js';
import { redactFeature } from '../policy/confidentiality.js';
import {
  findFeature,
  insertFeature,
  type StoredFeature,
  updateFeature,
  writableProperties,
} from '../sql/feature-store.js';

/**
 * History of one record (`GET /:id/history`, newest first, redacted like the record) and
 * `POST /:id/restore {version}`: a new, audited write that brings back an earlier version —
 * also of a deleted record.
 */
export function featureHistoryRoutes(
  db: Database,
  definition: ResourceDefinition,
  onChange?: (before: StoredFeature | null, after: StoredFeature | null) => void,
) {
  const app = new Hono<AppEnv>();
  const label = definition.labels.en.replace(/s$/, '');

  app.get('/:id/history', async (c) => {
    const id = c.req.param('id');
    const rows = isUuid(id) ? await listHistory(db, definition.path, id) : [];
    if (rows.length === 0 && !(await findFeature(db, definition, id))) throw notFound(label);
    const principal = c.get('principal');
    const visible = (feature: { properties: Record<string, unknown> } | null) =>
      feature && redactFeature(definition.path, feature, principal);
    return c.json(historyBody(rows, actorsVisibleTo(principal, ownerOrgOf()), visible));
  });

  app.post('/:id/restore', async (c) => {
    const id = c.req.param('id');
    const parsed = restoreRequest.safeParse(await readJsonBody(c));
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const wanted = parsed.data.version;

    const restored = await db.transaction(async (tx) => {
      const current = await findFeature(tx, definition, id, true);
      const history = isUuid(id) ? await listHistory(tx, definition.path, id) : [];
      const target = history.find((row) => row.version === wanted && row.after)?.after as
        | StoredFeature
        | undefined;
      if (!target) throw notFound(`Version ${wanted} of ${label} ${id}`);
      const grant = c.get('grant');
      assertMayTouch(grant, target.properties.ownerOrgId);
      if (current) {
        assertMayTouch(grant, current.properties.ownerOrgId);
        const expected = readIfMatch(c);
        if (current.properties.version !== expected) throw versionConflict(c, definition, current, expected);
      }
      // The contract may have tightened since: an old version must still be valid today.
      const properties = validateProperties(definition, writableProperties(definition, target));
      if (!properties.ok) throw validationFailed(properties.issues);
      const latest = Math.max(...history.map((row) => row.version));
      const after = current
        ? await updateFeature(tx, definition, id, target.geometry, properties.value)
        : await insertFeature(tx, definition, id, target.geometry, properties.value, latest + 1);
      await recordAudit(tx, c, {
        resource: definition.path,
        recordId: id,
        action: 'restore',
        version: after.properties.version as number,
        before: current ?? null,
        after,
      });
      return { current: current ?? null, after };
    });
    onChange?.(restored.current, restored.after);
    c.header('ETag', etag(restored.after.properties.version as number));
    return c.json(redactFeature(definition.path, restored.after, c.get('principal')));
  });

  return app;
}
