import { z } from 'zod';

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
