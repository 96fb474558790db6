/**
 * The app for import/export tests until the routes are wired into createApp: the same middleware
 * chain (request id, errors, authentication, the policy table — here ROUTE_POLICIES plus the
 * import/export entries), the asset routes, and the import and export routes.
 */
import { assetResources } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
import { authenticate, authRoutes } from '../../apps/api/src/auth/index.js';
import type { AppEnv } from '../../apps/api/src/context.js';
import { ApiError } from '../../apps/api/src/errors.js';
import { IMPORT_EXPORT_ROUTE_POLICIES } from '../../apps/api/src/imports/route-policies.js';
import { onError, onNotFound } from '../../apps/api/src/middleware/error-handler.js';
import { subjectsOf } from '../../apps/api/src/policy/authorize.js';
import { ROUTE_POLICIES, scopeOf } from '../../apps/api/src/policy/policy-table.js';
import { exportRoutes } from '../../apps/api/src/routes/exports.js';
import { featureRoutes } from '../../apps/api/src/routes/features.js';
import { type ImportRouteOptions, importRoutes } from '../../apps/api/src/routes/imports.js';
import { TEST_SCRYPT_N } from '../support/sessions.js';

const POLICIES = new Map([...ROUTE_POLICIES, ...IMPORT_EXPORT_ROUTE_POLICIES]);

/** authorize() over POLICIES (the real one reads ROUTE_POLICIES only). */
function authorizeAll(): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next) => {
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'));
    if (!route) return next();
    const policy = POLICIES.get(`${route.method} ${route.path}`);
    if (!policy)
      throw new ApiError(403, 'FORBIDDEN', `No access policy covers ${route.method} ${route.path}`);
    const principal = c.get('principal');
    const scope = scopeOf(policy.rule, subjectsOf(principal));
    if (!scope) {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in');
      throw new ApiError(403, 'FORBIDDEN', `Your role may not ${policy.action} ${policy.resource}`);
    }
    c.set('grant', { resource: policy.resource, action: policy.action, scope, principal });
    return next();
  };
}

export function importsTestApp(db: Database, options: ImportRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.onError(onError);
  app.notFound(onNotFound);
  app.use('/api/*', authenticate(db, { scryptN: TEST_SCRYPT_N }));
  app.use('/api/v1/*', authorizeAll());
  app.route('/api/v1/auth', authRoutes(db, { scryptN: TEST_SCRYPT_N }));
  for (const resource of assetResources) app.route(`/api/v1/${resource.path}`, featureRoutes(db, resource));
  app.route('/api/v1/imports', importRoutes(db, options));
  app.route('/api/v1/exports', exportRoutes(db));
  return app;
}

export type ImportsApp = ReturnType<typeof importsTestApp>;

export interface ImportView {
  id: string;
  status: 'parsing' | 'ready' | 'failed' | 'committed';
  error: { code: string; message: string } | null;
  fields: string[];
  mapping: Record<string, unknown>;
  crs: string | null;
  detectedCrs: string | null;
  rowsParsed: number;
  rowsInvalid: number;
  issueCount: number;
  issues: { row: number; field: string; message: string }[];
  preview: {
    row: number;
    geometry: { type: string; coordinates: unknown };
    properties: Record<string, unknown> | null;
  }[];
  result: { created: number; updated: number; skipped: number; invalidSkipped: number } | null;
  progress: { fraction: number };
}

/** Uploads `content` as multipart (file + resource + optional crs) and waits until parsing ends. */
export async function upload(
  app: ImportsApp,
  session: { headers: Record<string, string> },
  file: { name: string; content: string | Uint8Array },
  resource: string,
  crs?: string,
): Promise<{ status: number; body: ImportView & { error: { code: string; message: string } } }> {
  const form = new FormData();
  const content = typeof file.content === 'string' ? file.content : file.content.slice();
  form.set('file', new File([content], file.name));
  form.set('resource', resource);
  if (crs) form.set('crs', crs);
  const response = await app.request('/api/v1/imports', {
    method: 'POST',
    headers: session.headers,
    body: form,
  });
  const body = (await response.json()) as ImportView & { error: { code: string; message: string } };
  if (response.status !== 202) return { status: response.status, body };
  return { status: 202, body: await waitForImport(app, session, body.id) };
}

export async function waitForImport(
  app: ImportsApp,
  session: { headers: Record<string, string> },
  id: string,
) {
  for (;;) {
    const response = await app.request(`/api/v1/imports/${id}`, { headers: session.headers });
    const view = (await response.json()) as ImportView & { error: { code: string; message: string } };
    if (view.status !== 'parsing') return view;
    await new Promise((r) => setTimeout(r, 20));
  }
}
