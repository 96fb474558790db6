import { DEFAULT_SCRYPT_N } from '@hatang/accounts';

/** What the authentication middleware and routes can be configured with (all optional). */
export interface AuthOptions {
  /** A session ends after this long without use, ms (default 8 h). */
  idleTimeoutMs?: number;
  /** …and at the latest this long after sign-in, however busy, ms (default 7 days). */
  absoluteMaxMs?: number;
  /**
   * Behind a reverse proxy: take the client IP from the last `X-Forwarded-For` entry and the
   * scheme from `X-Forwarded-Proto`. Off by default, because clients can send these headers.
   */
  trustProxy?: boolean;
  /** scrypt cost for new password hashes (a power of two; default 2^15). Lower it only in tests. */
  scryptN?: number;
  /** Failed logins of one account from one client before that client must wait (default 3). */
  freeFailures?: number;
  /** The first wait after the free failures, ms; each further failure doubles it (default 1 s). */
  backoffBaseMs?: number;
  /** The longest wait of one account × client, ms (default 15 min). */
  maxBackoffMs?: number;
  /**
   * How long an account × client's failures are remembered after the last one, ms (default 24 h):
   * longer than the longest wait, so waiting one out does not start the count again.
   */
  failureMemoryMs?: number;
  /** Failed logins per client IP within the window before it is blocked (default 20). */
  maxIpFailures?: number;
  /**
   * The window in which a client IP's failures are counted, and how long its block lasts, ms
   * (default 15 min).
   */
  throttleWindowMs?: number;
  /** The clock (tests move it forward to expire sessions and locks). */
  now?: () => Date;
}

export type ResolvedAuthOptions = Required<AuthOptions>;

const HOUR = 60 * 60 * 1000;

export function resolveAuthOptions(options: AuthOptions = {}): ResolvedAuthOptions {
  return {
    idleTimeoutMs: options.idleTimeoutMs ?? 8 * HOUR,
    absoluteMaxMs: options.absoluteMaxMs ?? 7 * 24 * HOUR,
    trustProxy: options.trustProxy ?? false,
    scryptN: options.scryptN ?? DEFAULT_SCRYPT_N,
    freeFailures: options.freeFailures ?? 3,
    backoffBaseMs: options.backoffBaseMs ?? 1000,
    maxBackoffMs: options.maxBackoffMs ?? 15 * 60 * 1000,
    failureMemoryMs: options.failureMemoryMs ?? 24 * HOUR,
    maxIpFailures: options.maxIpFailures ?? 20,
    throttleWindowMs: options.throttleWindowMs ?? 15 * 60 * 1000,
    now: options.now ?? (() => new Date()),
  };
}
