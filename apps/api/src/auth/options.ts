import { DEFAULT_SCRYPT_N } from './password.js';

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
  /** Failed logins per account within the window before it is locked (default 5). */
  maxAccountFailures?: number;
  /** Failed logins per client IP within the window before it is blocked (default 20). */
  maxIpFailures?: number;
  /** The window in which failures are counted, and how long a lock lasts, ms (default 15 min). */
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
    maxAccountFailures: options.maxAccountFailures ?? 5,
    maxIpFailures: options.maxIpFailures ?? 20,
    throttleWindowMs: options.throttleWindowMs ?? 15 * 60 * 1000,
    now: options.now ?? (() => new Date()),
  };
}
