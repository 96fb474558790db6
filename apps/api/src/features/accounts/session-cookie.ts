/**
 * The session cookie: a random token, HttpOnly, SameSite=Lax, Secure over https; the browser may
 * keep it as long as a session can last, the server decides whether the session is still valid.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isHttps } from '../../auth/client.js';
import type { ResolvedAuthOptions } from '../../auth/options.js';

export const SESSION_COOKIE = 'hatang_session';

export function setSessionCookie(c: Context, token: string, options: ResolvedAuthOptions): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c, options),
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
