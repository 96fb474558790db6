import type { FtthProxyParams } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { ResolvedAuthOptions } from './auth/options.js';
import type { Principal } from './auth/principal.js';
import type { AnalysisThread } from './features/analysis/analysis-thread.js';
import type { CoverageService } from './features/analysis/coverage-service.js';
import type { AdminUnitList } from './features/context/admin-unit-list.js';
import type { ImportRouteOptions } from './features/imports/import-jobs.js';
import type { PublicAnswers } from './features/public/public-service.js';
import type { ComputePool } from './jobs/compute-pool.js';
import type { ParsePool } from './jobs/parse-pool.js';
import type { Logger } from './log/logger.js';
import type { Grant } from './policy/authorize.js';

/** Hono's per-request variables for every route of the API. */
export interface AppEnv {
  Variables: {
    /** The server's own id of this request (never the client's). */
    requestId: string;
    /** The client's X-Request-Id, when bounded and plain (see middleware/request-ids). */
    clientRequestId: string | undefined;
    /** Set by the authenticate middleware; undefined for anonymous requests. */
    principal: Principal | undefined;
    /** Set by the authorize middleware from the policy table. */
    grant: Grant | undefined;
    /** The parse pool and upload limits (set for every /api request). */
    uploads: ParsePool;
    /** This request's logger (its lines carry the request id). */
    logger: Logger;
    /** What the declared routes' handlers work with (set for every request). */
    services: Services;
  };
}

/** The app's database and the long-lived objects its declared routes use. */
export interface Services {
  db: Database;
  /** Session lifetimes, login throttling, scrypt cost and the clock (the accounts feature). */
  auth: ResolvedAuthOptions;
  adminUnits: AdminUnitList;
  /** The public page's answers, cached per data version (features/public). */
  publicAnswers: PublicAnswers;
  /** Coverage jobs: started here, computed in the analysis thread, kept in the database. */
  coverage: CoverageService;
  /** The analysis worker thread (route planning, indicator reports: heavy work off this thread). */
  analysis: AnalysisThread;
  /** Working days an owner has to answer a co-location request (HATANG_COLOCATION_RESPONSE_DAYS). */
  colocationResponseWorkingDays: number;
  /** Fibre to the home's proxy assumptions (HATANG_FTTH_HOUSEHOLD_SIZE, HATANG_FTTH_REACH_M). */
  ftthProxy?: FtthProxyParams;
  /** Import hooks and upload limit (AppDeps.imports). */
  imports?: ImportRouteOptions;
  /** Worker threads for exports and print maps (plan exports); the app always sets it. */
  compute?: ComputePool;
}
