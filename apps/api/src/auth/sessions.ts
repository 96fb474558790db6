/**
 * Browser sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database, a
 * CSRF token per session, sliding expiry (idle timeout) capped by an absolute maximum.
 */
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isHttps } from './client.js';
import type { ResolvedAuthOptions } from './options.js';
import { randomToken, sha256 } from './tokens.js';
import { isoSql, USER_COLUMNS, USER_FROM, type UserRow } from './user-store.js';

export const SESSION_COOKIE = 'hatang_session';

export interface SessionRow extends UserRow {
  session_id: string;
  csrf_token: string;
  session_created_ms: number;
  session_last_seen_ms: number;
  session_expires_at: string;
}

export function setSessionCookie(c: Context, token: string, options: ResolvedAuthOptions): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c, options),
    // The browser may keep it this long; the server decides whether the session is still valid.
    maxAge: Math.floor(options.absoluteMaxMs / 1000),
  });
}

export function clearSessionCookie(c: Context, options: ResolvedAuthOptions): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, options),
  });
}

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

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
  sql: Sql,
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
  await sql.query(
    `INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz, $6::timestamptz, $7, $8)`,
    [
      session.id,
      sha256(session.token),
      userId,
      session.csrfToken,
      now.toISOString(),
      session.expiresAt.toISOString(),
      client.ip,
      client.userAgent?.slice(0, 500) ?? null,
    ],
  );
  return session;
}

/** The live session for a cookie token (not revoked, not expired, user enabled), with its user. */
export async function findSession(sql: Sql, token: string, now: Date): Promise<SessionRow | undefined> {
  const rows = await sql.query<SessionRow>(
    `SELECT ${USER_COLUMNS}, s.id AS session_id, s.csrf_token,
       (extract(epoch FROM s.created_at) * 1000)::float8 AS session_created_ms,
       (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS session_last_seen_ms,
       ${isoSql('s.expires_at')} AS session_expires_at
     FROM sessions s JOIN ${USER_FROM} ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2::timestamptz
       AND NOT u.is_disabled`,
    [sha256(token), now.toISOString()],
  );
  return rows[0];
}

/** Records use of a session and slides its expiry; returns the new expiry. */
export async function touchSession(
  sql: Sql,
  session: SessionRow,
  options: ResolvedAuthOptions,
): Promise<Date> {
  const now = options.now();
  const expiresAt = slidingExpiry(session.session_created_ms, now.getTime(), options);
  // Map tiles arrive in bursts: one write per session every few seconds is plenty.
  if (now.getTime() - session.session_last_seen_ms >= 5_000) {
    await sql.query(
      `UPDATE sessions SET last_seen_at = $2::timestamptz, expires_at = $3::timestamptz
       WHERE id = $1 AND revoked_at IS NULL`,
      [session.session_id, now.toISOString(), expiresAt.toISOString()],
    );
  }
  return expiresAt;
}

export async function revokeSession(sql: Sql, sessionId: string, now: Date): Promise<void> {
  await sql.query('UPDATE sessions SET revoked_at = $2::timestamptz WHERE id = $1 AND revoked_at IS NULL', [
    sessionId,
    now.toISOString(),
  ]);
}
