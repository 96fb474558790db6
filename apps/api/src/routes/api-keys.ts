/**
 * API keys for machine clients (e.g. the city's IOC), mounted at `/api/v1/api-keys`. A key
 * acts as its user within its scopes; the secret `hk_…` is shown once and stored as SHA-256 only.
 */
import { type ApiKeyRecord, type CreatedApiKey, createApiKeyRequest, type Issue } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { requirePrincipal } from '../auth/authenticate.js';
import { type AuthOptions, resolveAuthOptions } from '../auth/options.js';
import { randomToken, sha256 } from '../auth/tokens.js';
import { findUserById, isoSql } from '../auth/user-store.js';
import { readValidBody } from '../auth/validate.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../http/body.js';
import { toPgTextArray } from '../sql/columns.js';

const KEY_COLUMNS = `id, name, user_id AS "userId", prefix, scopes, ${isoSql('created_at')} AS "createdAt",
  ${isoSql('last_used_at')} AS "lastUsedAt", ${isoSql('expires_at')} AS "expiresAt",
  ${isoSql('revoked_at')} AS "revokedAt"`;

export function apiKeyRoutes(db: Database, options: AuthOptions = {}) {
  const resolved = resolveAuthOptions(options);
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = requirePrincipal(c);
    const isAdmin = principal.roles.includes('admin');
    const rows = await db.query<ApiKeyRecord>(
      `SELECT ${KEY_COLUMNS} FROM api_keys ${isAdmin ? '' : 'WHERE user_id = $1'} ORDER BY created_at DESC, id`,
      isAdmin ? [] : [principal.userId],
    );
    return c.json({ items: rows });
  });

  app.post('/', async (c) => {
    const principal = requirePrincipal(c);
    // A leaked key must not be able to mint more keys that outlive its revocation.
    if (principal.via !== 'session') {
      throw new ApiError(
        403,
        'FORBIDDEN',
        'API keys are issued from a signed-in session, not with an API key',
      );
    }
    const body = await readValidBody(c, createApiKeyRequest);
    const userId = body.userId ?? principal.userId;
    if (userId !== principal.userId && !principal.roles.includes('admin')) {
      throw new ApiError(403, 'FORBIDDEN', 'Only an admin may issue API keys for another user');
    }
    const now = resolved.now();
    const issues: Issue[] = [];
    if (!(await findUserById(db, userId)))
      issues.push({ path: ['userId'], message: `unknown user ${userId}` });
    if (body.expiresAt && new Date(body.expiresAt).getTime() <= now.getTime())
      issues.push({ path: ['expiresAt'], message: 'must be in the future' });
    if (issues.length) throw validationFailed(issues);

    const key = `hk_${randomToken()}`;
    const id = crypto.randomUUID();
    await db.query(
      `INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::timestamptz, $8::timestamptz)`,
      [
        id,
        userId,
        body.name,
        key.slice(0, 10),
        sha256(key),
        toPgTextArray([...new Set(body.scopes)]),
        now.toISOString(),
        body.expiresAt ?? null,
      ],
    );
    const rows = await db.query<ApiKeyRecord>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    const created: CreatedApiKey = { ...(rows[0] as ApiKeyRecord), key };
    return c.json(created, 201);
  });

  app.delete('/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    const rows = isUuid(id)
      ? await db.query<{ user_id: string }>('SELECT user_id FROM api_keys WHERE id = $1', [id])
      : [];
    const owner = rows[0]?.user_id;
    // Someone else's key is "not found" rather than "forbidden": ids of others' keys stay private.
    if (!owner || (owner !== principal.userId && !principal.roles.includes('admin')))
      throw notFound('API key');
    await db.query('UPDATE api_keys SET revoked_at = $2::timestamptz WHERE id = $1 AND revoked_at IS NULL', [
      id,
      resolved.now().toISOString(),
    ]);
    return c.body(null, 204);
  });

  return app;
}
