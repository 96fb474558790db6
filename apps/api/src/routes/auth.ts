/**
 * Sign-in, sign-out and the current session: `POST /login`, `POST /logout`, `GET /me`,
 * `POST /sessions/revoke-all`, mounted at `/api/v1/auth`.
 */
import { loginRequest, type SessionInfo } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { requirePrincipal } from '../auth/authenticate.js';
import { clientIp } from '../auth/client.js';
import { type AuthOptions, resolveAuthOptions } from '../auth/options.js';
import { dummyHash, verifyPassword } from '../auth/password.js';
import { clearSessionCookie, createSession, revokeSession, setSessionCookie } from '../auth/sessions.js';
import { ipKey, lockedUntil, pairKey, recordLoginFailure, resetLoginFailures } from '../auth/throttle.js';
import {
  isoSql,
  revokeUserSessions,
  toSessionUser,
  USER_COLUMNS,
  USER_FROM,
  type UserRow,
} from '../auth/user-store.js';
import { readValidBody } from '../auth/validate.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

const INVALID_CREDENTIALS = 'The e-mail address or the password is wrong';

/** 429 with `Retry-After` (seconds); the header is set on the context, which the error response keeps. */
function tooManyAttempts(c: Context, until: Date, now: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  c.header('Retry-After', String(seconds));
  return new ApiError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Too many failed sign-ins from here; try again in ${seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`}`,
  );
}

export function authRoutes(db: Database, options: AuthOptions = {}) {
  const resolved = resolveAuthOptions(options);
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const { email, password } = await readValidBody(c, loginRequest);
    const now = resolved.now();
    const ip = clientIp(c, resolved);
    // Only this client waits: the account itself is never locked (the real user elsewhere signs in).
    const lock = await lockedUntil(db, [ipKey(ip), pairKey(email, ip)], now);
    if (lock) throw tooManyAttempts(c, lock, now);

    const rows = await db.query<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, u.password_hash FROM ${USER_FROM} WHERE u.email = $1`,
      [email],
    );
    const user = rows[0];
    // An unknown e-mail costs the same scrypt work as a wrong password: timing reveals nothing.
    const isValid = await verifyPassword(
      password,
      user?.password_hash ?? (await dummyHash(resolved.scryptN)),
    );
    if (!user || !isValid) {
      await recordLoginFailure(db, email, ip, resolved);
      // Admins see the count; nothing locks the account itself.
      if (user) await db.query('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1', [user.id]);
      throw new ApiError(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS);
    }
    if (user.is_disabled) throw new ApiError(403, 'ACCOUNT_DISABLED', 'This account is disabled');

    await resetLoginFailures(db, email, ip);
    await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    const session = await createSession(db, user.id, { ip, userAgent: c.req.header('user-agent') }, resolved);
    setSessionCookie(c, session.token, resolved);
    const info: SessionInfo = {
      user: toSessionUser(user),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
    return c.json(info);
  });

  app.post('/logout', async (c) => {
    const principal = c.get('principal');
    if (principal?.via === 'session') await revokeSession(db, principal.credentialId, resolved.now());
    clearSessionCookie(c, resolved);
    return c.body(null, 204);
  });

  app.get('/me', async (c) => {
    const principal = requirePrincipal(c);
    const table = principal.via === 'session' ? 'sessions' : 'api_keys';
    const csrf = principal.via === 'session' ? 'c.csrf_token' : "''";
    const rows = await db.query<UserRow & { csrf_token: string; expires_at: string | null }>(
      `SELECT ${USER_COLUMNS}, ${csrf} AS csrf_token, ${isoSql('c.expires_at')} AS expires_at
       FROM ${table} c JOIN ${USER_FROM} ON u.id = c.user_id WHERE c.id = $1`,
      [principal.credentialId],
    );
    const row = rows[0];
    if (!row) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    const info: SessionInfo = {
      user: toSessionUser(row),
      // API keys need no CSRF token; a key without an end date reports an empty expiry.
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at ?? '',
    };
    return c.json(info);
  });

  app.post('/sessions/revoke-all', async (c) => {
    const principal = requirePrincipal(c);
    await revokeUserSessions(db, principal.userId, resolved.now());
    if (principal.via === 'session') clearSessionCookie(c, resolved);
    return c.body(null, 204);
  });

  return app;
}
