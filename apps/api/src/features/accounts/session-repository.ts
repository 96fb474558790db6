/**
 * Browser sessions: a random token in an HttpOnly cookie (session-cookie.ts), only its SHA-256
 * in the database, a CSRF token per session, sliding expiry (idle timeout) capped by an absolute
 * maximum.
 */
import { orm, type Sql } from '@hatang/db';
import { apiKeys, organisations, sessions, users } from '@hatang/db/schema';
import { and, eq, gt, isNull, not } from 'drizzle-orm';
import type { ResolvedAuthOptions } from '../../auth/options.js';
import { randomToken, sha256 } from '../../auth/tokens.js';
import { type UserRow, userFields } from './user-repository.js';

/** When a session used at `now` ends: `now` + idle timeout, but never past created + absolute max. */
export function slidingExpiry(createdMs: number, nowMs: number, options: ResolvedAuthOptions): Date {
  return new Date(Math.min(nowMs + options.idleTimeoutMs, createdMs + options.absoluteMaxMs));
}

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Sql,
  userId: string,
  client: { ip: string; userAgent: string | undefined },
  options: ResolvedAuthOptions,
): Promise<NewSession> {
  const now = options.now();
  const session = {
    id: crypto.randomUUID(),
    token: randomToken(),
    csrfToken: randomToken(),
    expiresAt: slidingExpiry(now.getTime(), now.getTime(), options),
  };
  await orm(db)
    .insert(sessions)
    .values({
      id: session.id,
      tokenHash: sha256(session.token),
      userId,
      csrfToken: session.csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
  return session;
}

const sessionFields = {
  ...userFields,
  sessionId: sessions.id,
  csrfToken: sessions.csrfToken,
  sessionCreatedAt: sessions.createdAt,
  sessionLastSeenAt: sessions.lastSeenAt,
};

export interface SessionRow extends UserRow {
  sessionId: string;
  csrfToken: string;
  sessionCreatedAt: string;
  sessionLastSeenAt: string;
}

/** The live session for a cookie token (not revoked, not expired, user enabled), with its user. */
export async function findSession(db: Sql, token: string, now: Date): Promise<SessionRow | undefined> {
  const [row] = await orm(db)
    .select(sessionFields)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        eq(sessions.tokenHash, sha256(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now.toISOString()),
        not(users.isDisabled),
      ),
    );
  return row;
}

/** Records use of a session and slides its expiry; returns the new expiry. */
export async function touchSession(
  db: Sql,
  session: SessionRow,
  options: ResolvedAuthOptions,
): Promise<Date> {
  const now = options.now();
  const expiresAt = slidingExpiry(Date.parse(session.sessionCreatedAt), now.getTime(), options);
  // Map tiles arrive in bursts: one write per session every few seconds is plenty.
  if (now.getTime() - Date.parse(session.sessionLastSeenAt) >= 5_000) {
    await orm(db)
      .update(sessions)
      .set({ lastSeenAt: now.toISOString(), expiresAt: expiresAt.toISOString() })
      .where(and(eq(sessions.id, session.sessionId), isNull(sessions.revokedAt)));
  }
  return expiresAt;
}

export async function revokeSession(db: Sql, sessionId: string, now: Date): Promise<void> {
  await orm(db)
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every open session of a user (password reset, disabling, "sign out everywhere"). */
export async function revokeUserSessions(db: Sql, userId: string, now: Date): Promise<void> {
  await orm(db)
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/**
 * The user of a credential (a session or an API key, by id) with the session's CSRF token and
 * expiry; an API key has no CSRF token (empty) and may have no expiry (null).
 */
export async function findCredentialUser(
  db: Sql,
  via: 'session' | 'api_key',
  credentialId: string,
): Promise<(UserRow & { csrfToken: string; expiresAt: string | null }) | undefined> {
  if (via === 'session') {
    const [row] = await orm(db)
      .select({ ...userFields, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(eq(sessions.id, credentialId));
    return row;
  }
  const [row] = await orm(db)
    .select({ ...userFields, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(apiKeys.id, credentialId));
  return row && { ...row, csrfToken: '' };
}
