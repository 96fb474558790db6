import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESPONSE_WORKING_DAYS, FTTH_PROXY_DEFAULTS } from '@hatang/contracts';
import { defaultParseLimits } from '@hatang/geo/formats';
import { z } from 'zod';
import { defaultHeavyWork, defaultLoadShedding } from './http/admission.js';
import { type ComputeOptions, defaultComputeOptions } from './jobs/compute-pool.js';
import { defaultUploadLimits, type UploadLimits } from './jobs/upload-limits.js';
import { LOG_LEVELS } from './log/logger.js';

const defaults = defaultUploadLimits(join(tmpdir(), 'hatang-uploads'));
/** A positive whole number with a default (bytes, counts, ms, MB). */
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /**
   * The interface to listen on. Unset: 127.0.0.1 in demo mode (its admin password is published,
   * so only this machine may reach it), 0.0.0.0 otherwise. Set HOST=0.0.0.0 to share a demo.
   */
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  HATANG_DATA_DIR: z.string().min(1).default('.data'),
  /** The password `npm run user:create` sets without asking (scripts, containers); unset: it asks. */
  HATANG_ADMIN_PASSWORD: z.string().optional(),
  /** Serve another web build than apps/web/dist (parallel e2e runs build into their own folders). */
  HATANG_WEB_DIR: z.string().optional(),
  /**
   * Demo mode (default on): an empty database gets the Hai Phong demo data and demo accounts.
   * `0` seeds nothing; the first admin is then created with `npm run user:create`.
   */
  HATANG_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto for the client IP and https (1/true). */
  HATANG_TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Heavy anonymous reads (exports, OFDS, deep OGC pages) per client IP: tokens per minute… */
  HATANG_ANON_HEAVY_PER_MIN: z.coerce.number().positive().default(6),
  /** …and the most a client can save up. */
  HATANG_ANON_HEAVY_BURST: z.coerce.number().int().min(1).default(3),
  /** OGC item offsets from here on count as heavy for anonymous callers. */
  HATANG_OGC_DEEP_OFFSET: z.coerce.number().int().min(0).default(10_000),
  /** OGC item offsets above this are refused (400): narrow the request with bbox instead. */
  HATANG_OGC_MAX_OFFSET: z.coerce.number().int().min(0).default(1_000_000),
  // Admission control (http/admission.ts): how much work the server takes on at once.
  /** Requests served at once; more wait in line (default 64). */
  HATANG_MAX_IN_FLIGHT: count(defaultLoadShedding.maxInFlight),
  /** Requests that may wait for a place; past that 503 with Retry-After (default 256). */
  HATANG_MAX_WAITING: z.coerce.number().int().min(0).default(defaultLoadShedding.maxWaiting),
  /** Longest wait for a place, ms, then 503 (default 10000). */
  HATANG_MAX_WAIT_MS: count(defaultLoadShedding.maxWaitMs),
  /** Exports and analyses one user (or anonymous IP) may run at once; more get 429 (default 4). */
  HATANG_HEAVY_PER_CLIENT: count(defaultHeavyWork.perClient),
  /** Exports and analyses running at once over all users; more get 429 (default 8). */
  HATANG_HEAVY_OVERALL: count(defaultHeavyWork.overall),
  /** Compute workers for exports and print maps (default 2). */
  HATANG_COMPUTE_POOL_SIZE: count(defaultComputeOptions.poolSize),
  /** Exports waiting for a compute worker before 503 (default 16). */
  HATANG_COMPUTE_QUEUE_SIZE: z.coerce.number().int().min(0).default(defaultComputeOptions.queueSize),
  /** Heap of one compute worker, MB (default 2048). */
  HATANG_COMPUTE_HEAP_MB: count(defaultComputeOptions.workerHeapMb),
  /** Heap of the analysis worker thread (coverage models), MB (default 4096). */
  HATANG_ANALYSIS_HEAP_MB: count(4096),
  /** Working days an owner has to answer a co-location request (default 15). */
  HATANG_COLOCATION_RESPONSE_DAYS: count(DEFAULT_RESPONSE_WORKING_DAYS),
  /** Fibre to the home's proxy: people per household, an assumption (default 3.5). */
  HATANG_FTTH_HOUSEHOLD_SIZE: z.coerce.number().min(1).max(10).default(FTTH_PROXY_DEFAULTS.householdSize),
  /** Fibre to the home's proxy: metres from a fibre route a household counts as in reach, an assumption (default 300). */
  HATANG_FTTH_REACH_M: z.coerce.number().min(0).max(2000).default(FTTH_PROXY_DEFAULTS.reachM),
  /** Structured log level on stdout: access lines are `info` (default `info`). */
  HATANG_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // Limits on untrusted uploads (issue #15): what one file may make the server do.
  /** Bytes of one import upload (default 200 MiB). */
  HATANG_MAX_UPLOAD_BYTES: count(defaults.maxUploadBytes),
  /** Bytes of one attachment (default 10 MiB). */
  HATANG_MAX_ATTACHMENT_BYTES: count(defaults.maxAttachmentBytes),
  /** Heap of one parse worker, MB (default 1024). */
  HATANG_WORKER_HEAP_MB: count(defaults.workerHeapMb),
  /** Time one parse may work, ms (default 120000). */
  HATANG_PARSE_TIME_BUDGET_MS: count(defaults.timeBudgetMs),
  /** Parse workers at once (default 2). */
  HATANG_PARSE_POOL_SIZE: count(defaults.poolSize),
  /** Parses waiting for a worker before uploads get 503 (default 8). */
  HATANG_PARSE_QUEUE_SIZE: z.coerce.number().int().min(0).default(defaults.queueSize),
  /** Folder uploads are spooled to while read (default: the system temp folder/hatang-uploads). */
  HATANG_UPLOAD_DIR: z.string().min(1).default(defaults.spoolDir),
  HATANG_MAX_INFLATED_BYTES: count(defaultParseLimits.maxInflatedBytes),
  HATANG_MAX_ARCHIVE_ENTRIES: count(defaultParseLimits.maxArchiveEntries),
  HATANG_MAX_FEATURES: count(defaultParseLimits.maxFeatures),
  HATANG_MAX_VERTICES_PER_FEATURE: count(defaultParseLimits.maxVerticesPerFeature),
  HATANG_MAX_VERTICES: count(defaultParseLimits.maxVertices),
  HATANG_MAX_CELL_CHARS: count(defaultParseLimits.maxCellChars),
  HATANG_MAX_DEPTH: count(defaultParseLimits.maxDepth),
  HATANG_MAX_RASTER_CELLS: count(defaultParseLimits.maxRasterCells),
});

export type Env = z.output<typeof schema>;

/** Parses the environment once; a bad value stops the server with a clear message. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Where the server listens, and whether that is this machine only (see HOST). */
export function listenHost(env: Pick<Env, 'HOST' | 'HATANG_DEMO'>): {
  host: string;
  isLoopbackOnly: boolean;
} {
  const host = env.HOST ?? (env.HATANG_DEMO ? '127.0.0.1' : '0.0.0.0');
  return { host, isLoopbackOnly: host === 'localhost' || host === '::1' || host.startsWith('127.') };
}

/** The start-log line that says who can reach the server. */
export function describeListen(env: Pick<Env, 'HOST' | 'HATANG_DEMO'>, port: number): string {
  const { host, isLoopbackOnly } = listenHost(env);
  if (!isLoopbackOnly) return `Listening on ${host}:${port}: other machines can reach this server`;
  const why = env.HATANG_DEMO && env.HOST === undefined ? ' (demo mode: its passwords are published)' : '';
  return `Listening on ${host}:${port}, this machine only${why}; set HOST=0.0.0.0 to accept other machines`;
}

/** The rate limits of createApp from the environment. */
export const rateLimitsOf = (env: Env) => ({
  perMinute: env.HATANG_ANON_HEAVY_PER_MIN,
  burst: env.HATANG_ANON_HEAVY_BURST,
  ogcDeepOffset: env.HATANG_OGC_DEEP_OFFSET,
  ogcMaxOffset: env.HATANG_OGC_MAX_OFFSET,
});
/** The upload limits the environment sets (each HATANG_* variable, else its default). */
/** Admission control from the environment. */
export const admissionOf = (env: Env) => ({
  loadShedding: {
    maxInFlight: env.HATANG_MAX_IN_FLIGHT,
    maxWaiting: env.HATANG_MAX_WAITING,
    maxWaitMs: env.HATANG_MAX_WAIT_MS,
  },
  heavyWork: {
    ...defaultHeavyWork,
    perClient: env.HATANG_HEAVY_PER_CLIENT,
    overall: env.HATANG_HEAVY_OVERALL,
  },
  analysisHeapMb: env.HATANG_ANALYSIS_HEAP_MB,
});

export const computeOptionsOf = (env: Env): ComputeOptions => ({
  poolSize: env.HATANG_COMPUTE_POOL_SIZE,
  queueSize: env.HATANG_COMPUTE_QUEUE_SIZE,
  workerHeapMb: env.HATANG_COMPUTE_HEAP_MB,
  minThreads: 1,
});

export function uploadLimitsOf(env: Env): UploadLimits {
  return {
    maxUploadBytes: env.HATANG_MAX_UPLOAD_BYTES,
    maxAttachmentBytes: env.HATANG_MAX_ATTACHMENT_BYTES,
    workerHeapMb: env.HATANG_WORKER_HEAP_MB,
    timeBudgetMs: env.HATANG_PARSE_TIME_BUDGET_MS,
    poolSize: env.HATANG_PARSE_POOL_SIZE,
    queueSize: env.HATANG_PARSE_QUEUE_SIZE,
    spoolDir: env.HATANG_UPLOAD_DIR,
    maxInflatedBytes: env.HATANG_MAX_INFLATED_BYTES,
    maxArchiveEntries: env.HATANG_MAX_ARCHIVE_ENTRIES,
    maxFeatures: env.HATANG_MAX_FEATURES,
    maxVerticesPerFeature: env.HATANG_MAX_VERTICES_PER_FEATURE,
    maxVertices: env.HATANG_MAX_VERTICES,
    maxCellChars: env.HATANG_MAX_CELL_CHARS,
    maxDepth: env.HATANG_MAX_DEPTH,
    maxRasterCells: env.HATANG_MAX_RASTER_CELLS,
  };
}
