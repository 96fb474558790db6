import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESPONSE_WORKING_DAYS, FTTH_PROXY_DEFAULTS, type FtthProxyParams } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { clientIp } from './auth/client.js';
import { type AuthOptions, resolveAuthOptions } from './auth/options.js';
import type { AppEnv, Services } from './context.js';
import { ApiError } from './errors.js';
import { authenticate } from './features/accounts/authenticate.js';
import { type FirstAdminSetup, firstAdminRoutes } from './features/accounts/first-admin.js';
import { healthRoutes } from './features/accounts/health-routes.js';
import { AnalysisThread } from './features/analysis/analysis-thread.js';
import { CoverageService, DEFAULT_ANALYSIS_HEAP_MB } from './features/analysis/coverage-service.js';
import { AdminUnitList } from './features/context/admin-unit-list.js';
import { DECLARED_ROUTES } from './features/declared-routes.js';
import type { ImportRouteOptions } from './features/imports/import-jobs.js';
import { type PublicAnswerOptions, PublicAnswers } from './features/public/public-service.js';
import {
  defaultHeavyWork,
  defaultLoadShedding,
  type HeavyWorkOptions,
  type LoadSheddingOptions,
  limitHeavyWork,
  shedLoad,
} from './http/admission.js';
import { mountRoutes } from './http/define-route.js';
import { ComputePool } from './jobs/compute-pool.js';
import { ParsePool } from './jobs/parse-pool.js';
import { defaultUploadLimits } from './jobs/upload-limits.js';
import { accessLog, createLogger, type Logger } from './log/logger.js';
import { onError, onNotFound } from './middleware/error-handler.js';
import { rejectMalformedPath } from './middleware/path-guard.js';
import { anonymousHeavyReads, type RateLimitOptions } from './middleware/rate-limit.js';
import { requestIds } from './middleware/request-ids.js';
import { securityHeaders } from './middleware/security-headers.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import { authorize } from './policy/authorize.js';
import { mountStatic, type StaticOptions } from './static.js';

export interface AppDeps {
  db: Database;
  /** Largest accepted request body, bytes (default 5 MB). */
  maxBodyBytes?: number;
  /** Where the web app and the map's data files are; omit in API-only tests. */
  static?: StaticOptions;
  /** Session lifetimes, login throttling, scrypt cost, clock (defaults are production values). */
  auth?: AuthOptions;
  /** Import route hooks (and a smaller upload limit for tests). */
  imports?: ImportRouteOptions;
  /** Structured log: access lines and errors (default: warnings and errors only). */
  logger?: Logger;
  /** Requests served at once and waiting before 503 (http/admission.ts). */
  loadShedding?: LoadSheddingOptions;
  /** Exports and analyses running at once per client and overall before 429. */
  heavyWork?: HeavyWorkOptions;
  /** Heap cap of the analysis worker thread (coverage models), MB; default 4096. */
  analysisHeapMb?: number;
  /**
   * Rate limits on heavy anonymous reads (exports, OFDS, deep OGC pages). Omitted: no limit
   * (in-process tests); the server always passes the values of env.ts.
   */
  rateLimits?: RateLimitOptions;
  /**
   * The parse worker pool with every upload limit (env.ts builds it from HATANG_* variables);
   * default: production limits, spooling to the system temp folder. Close it on shutdown.
   */
  uploads?: ParsePool;
  /** The compute pool for exports and print maps (default: 2 workers); close it on shutdown. */
  compute?: ComputePool;
  /** Working days an owner has to answer a co-location request (default 15). */
  colocationResponseWorkingDays?: number;
  /** How often the public page's indicators table is checked against the data (default 60 s). */
  publicAnswers?: PublicAnswerOptions;
  /** An embedded database with no users yet: the one-time first-admin setup (server.ts). */
  firstAdmin?: FirstAdminSetup;
  /** Fibre to the home's proxy assumptions: people per household, reach in metres (defaults 3.5, 300). */
  ftthProxy?: FtthProxyParams;
}

/** Routes whose one request can hold a core for seconds: bounded per client and overall. */
const HEAVY_ROUTES = [
  '/api/v1/exports/*',
  '/api/v1/analysis/coverage',
  '/api/v1/plan-versions/:id/map.pdf',
  '/api/v1/plan-versions/:id/map.png',
  '/api/v1/plan-versions/:id/export.gpkg',
  '/api/v1/plan-versions/:id/export.geojson',
  '/api/v1/plan-versions/:id/export.dxf',
  '/api/v1/plan-versions/:id/appendix.xlsx',
  '/api/v1/plan-versions/:id/indicators',
  '/api/v1/indicators',
  '/api/v1/dii/values/compute',
  '/api/v1/ftth/communes',
  '/api/v1/key-sites/status',
  '/api/v1/plan-task-report',
  '/api/v1/audit-log/export.csv',
];

/** Builds the HTTP app; no I/O happens until a request arrives. */
export function createApp(deps: AppDeps) {
  const { db } = deps;
  // Not strict: `/ogc/` and `/ogc` are one route (QGIS given `…/ogc/` must get the landing page).
  const app = new Hono<AppEnv>({ strict: false });
  app.use('*', requestIds());
  app.use('*', accessLog(deps.logger ?? createLogger('warn')));
  app.use('*', securityHeaders({ trustProxy: deps.auth?.trustProxy ?? false }));
  app.use('*', rejectMalformedPath);
  const uploads = deps.uploads ?? new ParsePool(defaultUploadLimits(join(tmpdir(), 'hatang-uploads')));
  // Exports and print maps are made in worker threads that read the database themselves.
  const compute = deps.compute ?? new ComputePool(db);
  // Coverage jobs and indicator reports are computed in the analysis worker thread.
  const ftthProxy = deps.ftthProxy ?? FTTH_PROXY_DEFAULTS;
  const analysis = new AnalysisThread(db, deps.analysisHeapMb ?? DEFAULT_ANALYSIS_HEAP_MB, ftthProxy);
  const coverage = new CoverageService(db, analysis, deps.heavyWork ?? defaultHeavyWork);
  // Attachment routes read their upload with these limits (and the same spool folder).
  app.use('/api/*', (c, next) => {
    c.set('uploads', uploads);
    return next();
  });
  const authOptions = resolveAuthOptions(deps.auth);
  const services: Services = {
    db,
    auth: authOptions,
    adminUnits: new AdminUnitList(db),
    publicAnswers: new PublicAnswers(db, analysis, deps.publicAnswers),
    coverage,
    analysis,
    compute,
    imports: deps.imports,
    colocationResponseWorkingDays: deps.colocationResponseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS,
    ftthProxy,
  };
  app.use('*', (c, next) => {
    c.set('services', services);
    return next();
  });
  // GeoJSON compresses ~5×: thousands of towers at city zoom go over the wire as ~1 MB.
  app.use('*', compress());
  const maxBodyBytes = deps.maxBodyBytes ?? 5 * 1024 * 1024;
  const jsonBodyLimit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes`);
    },
  });
  // File uploads (imports, attachments) pass this limit and enforce their own, on the bytes read
  // (http/multipart.ts). This one also counts the bytes of chunked bodies (no Content-Length).
  const UPLOADS = new Set(['/api/v1/imports', '/api/v1/imports/population']);
  const isUpload = (path: string) => UPLOADS.has(path) || path.endsWith('/attachments');
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && isUpload(c.req.path) ? next() : jsonBodyLimit(c, next),
  );
  app.onError(onError);
  app.notFound(onNotFound);
  // Health stays outside the line, so a probe tells an overloaded server from a dead one.
  const load = shedLoad(deps.loadShedding ?? defaultLoadShedding);
  for (const path of ['/api/v1/*', '/tiles/*', '/ogc', '/ogc/*']) app.use(path, load.middleware);

  // Who is asking (session cookie or API key), then what the policy table lets them do.
  for (const path of ['/api/*', '/tiles/*', '/ogc', '/ogc/*']) app.use(path, authenticate(db, deps.auth));
  for (const path of ['/api/v1/*', '/tiles/*', '/ogc', '/ogc/*']) app.use(path, authorize());
  if (deps.rateLimits) {
    const heavyReads = anonymousHeavyReads({ trustProxy: deps.auth?.trustProxy, ...deps.rateLimits });
    for (const path of ['/api/v1/exports/*', '/ogc/*']) app.use(path, heavyReads);
  }
  const heavy = limitHeavyWork(
    (c) => c.get('principal')?.userId ?? `ip:${clientIp(c, authOptions)}`,
    deps.heavyWork ?? defaultHeavyWork,
  );
  for (const path of HEAVY_ROUTES) app.use(path, heavy);

  app.route('/api/health', healthRoutes(db));
  if (deps.firstAdmin) app.route('/api/setup/first-admin', firstAdminRoutes(db, deps.firstAdmin, deps.auth));
  mountRoutes(app, DECLARED_ROUTES);
  app.route('/api', openApiRoutes());

  if (deps.static) mountStatic(app, deps.static);
  return app;
}

export type App = ReturnType<typeof createApp>;
