/**
 * Signing in and out and the current session (`/api/v1/auth`). Login throttling: only the
 * client that guesses waits (login-throttle.ts); the account itself is never locked.
 */
import { dummyHash, verifyPassword } from '@hatang/accounts';
import { accountEndpoints as endpoints } from '@hatang/contracts';
import type { Context } from 'hono';
import { clientIp } from '../../auth/client.js';
import { ApiError } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { EVERYONE, SIGNED_IN } from '../../policy/rules.js';
import { requirePrincipal } from './authenticate.js';
import { ipKey, lockedUntil, pairKey, recordLoginFailure, resetLoginFailures } from './login-throttle.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import {
  createSession,
  findCredentialUser,
  revokeSession,
  revokeUserSessions,
} from './session-repository.js';
import { clearFailedLogins, countFailedLogin, findUserForLogin, toSessionUser } from './user-repository.js';

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

export const sessionRoutes = [
  defineRoute(
    endpoints.login,
    { resource: 'sessions', action: 'create', rule: EVERYONE },
    async (c, { body: { email, password } }) => {
      const { db, auth } = c.var.services;
      const now = auth.now();
      const ip = clientIp(c, auth);
      // Only this client waits: the account itself is never locked (the real user elsewhere signs in).
      const lock = await lockedUntil(db, [ipKey(ip), pairKey(email, ip)], now);
      if (lock) throw tooManyAttempts(c, lock, now);

      const user = await findUserForLogin(db, email);
      // An unknown e-mail costs the same scrypt work as a wrong password: timing reveals nothing.
      const isValid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash(auth.scryptN)));
      if (!user || !isValid) {
        await recordLoginFailure(db, email, ip, auth);
        if (user) await countFailedLogin(db, user.id);
        throw new ApiError(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS);
      }
      if (user.isDisabled) throw new ApiError(403, 'ACCOUNT_DISABLED', 'This account is disabled');

      await resetLoginFailures(db, email, ip);
      await clearFailedLogins(db, user.id);
      const session = await createSession(db, user.id, { ip, userAgent: c.req.header('user-agent') }, auth);
      setSessionCookie(c, session.token, auth);
      return reply(c, endpoints.login, 200, {
        user: toSessionUser(user),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      });
    },
  ),
  defineRoute(endpoints.logout, { resource: 'sessions', action: 'delete', rule: SIGNED_IN }, async (c) => {
    const { db, auth } = c.var.services;
    const principal = c.get('principal');
    if (principal?.via === 'session') await revokeSession(db, principal.credentialId, auth.now());
    clearSessionCookie(c, auth);
    return c.body(null, 204);
  }),
  defineRoute(endpoints.me, { resource: 'sessions', action: 'read', rule: SIGNED_IN }, async (c) => {
    const principal = requirePrincipal(c);
    const row = await findCredentialUser(c.var.services.db, principal.via, principal.credentialId);
    if (!row) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    return reply(c, endpoints.me, 200, {
      user: toSessionUser(row),
      // API keys need no CSRF token; a key without an end date reports an empty expiry.
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt ?? '',
    });
  }),
  defineRoute(
    endpoints.revokeAllSessions,
    { resource: 'sessions', action: 'delete', rule: SIGNED_IN },
    async (c) => {
      const { db, auth } = c.var.services;
      const principal = requirePrincipal(c);
      await revokeUserSessions(db, principal.userId, auth.now());
      if (principal.via === 'session') clearSessionCookie(c, auth);
      return c.body(null, 204);
    },
  ),
];
