/**
 * API keys for machine clients (e.g. the city's IOC), `/api/v1/api-keys`. A key acts as its
 * user within its scopes; the secret `hk_…` is shown once and stored as SHA-256 only. Issuing and
 * revoking are audited (resource `api-keys`) without the secret.
 */
import { accountEndpoints as endpoints, type Issue } from '@hatang/contracts';
import { auditCreated, nextAuditVersion, recordAudit } from '../../audit/audit-log.js';
import { randomToken } from '../../auth/tokens.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { KEY_HOLDERS } from '../../policy/rules.js';
import { apiKeyOwner, insertApiKey, listApiKeys, revokeApiKey } from './api-key-repository.js';
import { requirePrincipal } from './authenticate.js';
import { findUserById } from './user-repository.js';

const API_KEYS = 'api-keys';

export const apiKeyRoutes = [
  defineRoute(
    endpoints.listApiKeys,
    { resource: 'api-keys', action: 'read', rule: KEY_HOLDERS },
    async (c) => {
      const principal = requirePrincipal(c);
      const isAdmin = principal.roles.includes('admin');
      const items = await listApiKeys(c.var.services.db, isAdmin ? undefined : principal.userId);
      return reply(c, endpoints.listApiKeys, 200, { items });
    },
  ),
  defineRoute(
    endpoints.createApiKey,
    {
      resource: 'api-keys',
      action: 'create',
      rule: KEY_HOLDERS,
      // A leaked key must not be able to mint more keys that outlive its revocation.
      sessionOnly: 'API keys are issued from a signed-in session, not with an API key',
    },
    async (c, { body }) => {
      const principal = requirePrincipal(c);
      const { db, auth } = c.var.services;
      const userId = body.userId ?? principal.userId;
      if (userId !== principal.userId && !principal.roles.includes('admin')) {
        throw new ApiError(403, 'FORBIDDEN', 'Only an admin may issue API keys for another user');
      }
      const now = auth.now();
      const issues: Issue[] = [];
      if (!(await findUserById(db, userId)))
        issues.push({ path: ['userId'], message: `unknown user ${userId}` });
      if (body.expiresAt && new Date(body.expiresAt).getTime() <= now.getTime())
        issues.push({ path: ['expiresAt'], message: 'must be in the future' });
      if (issues.length) throw validationFailed(issues);

      const key = `hk_${randomToken()}`;
      const created = await db.transaction(async (tx) => {
        const record = await insertApiKey(
          tx,
          { userId, name: body.name, key, scopes: body.scopes, expiresAt: body.expiresAt ?? null },
          now,
        );
        // The record, never the key: the secret exists only in this one answer.
        await auditCreated(tx, c, API_KEYS, record);
        return record;
      });
      return reply(c, endpoints.createApiKey, 201, { ...created, key });
    },
  ),
  defineRoute(
    endpoints.revokeApiKey,
    { resource: 'api-keys', action: 'delete', rule: KEY_HOLDERS },
    async (c, { params }) => {
      const principal = requirePrincipal(c);
      const { db, auth } = c.var.services;
      const owner = await apiKeyOwner(db, params.id);
      // Someone else's key is "not found" rather than "forbidden": ids of others' keys stay private.
      if (!owner || (owner !== principal.userId && !principal.roles.includes('admin')))
        throw notFound('API key');
      await db.transaction(async (tx) => {
        const now = auth.now();
        await revokeApiKey(tx, params.id, now);
        await recordAudit(tx, c, {
          resource: API_KEYS,
          recordId: params.id,
          action: 'update',
          version: await nextAuditVersion(tx, API_KEYS, params.id),
          before: { id: params.id, userId: owner, revokedAt: null },
          after: { id: params.id, userId: owner, revokedAt: now.toISOString() },
        });
      });
      return c.body(null, 204);
    },
  ),
];
