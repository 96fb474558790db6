/**
 * The first admin of an embedded database, created while the server runs. Only the server may
 * open its PGlite data directory, so `npm run user:create` cannot write there itself: at start, a
 * server with no users writes a one-time token to `<dataDir>.setup-token` (mode 0600, readable by
 * whoever may read the data itself), and `POST /api/setup/first-admin` creates the first admin
 * for a request that carries the token, comes from this machine (loopback, not through a proxy)
 * and arrives while there are still no users. The token then stops working and its file goes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SCRYPT_N, hashPassword } from '@hatang/accounts';
import { firstAdminRequest } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { AuthOptions } from '../../auth/options.js';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { parseBody } from '../../http/request-input.js';
import { AccountRefused, createAccount } from './create-account.js';

/** Where a server keeps the first-admin token of the embedded database in `dataDir`. */
export function setupTokenPathFor(dataDir: string): string {
  return `${resolve(dataDir)}.setup-token`;
}

export interface FirstAdminSetup {
  readonly tokenFile: string;
  /** Whether `token` is the open one-time token (constant time). */
  accepts(token: string): boolean;
  /** Ends the setup: the token stops working and its file is removed. */
  close(): void;
  readonly isOpen: boolean;
}

/** Starts the first-admin setup: a fresh token in `<dataDir>.setup-token`, removed on exit. */
export function openFirstAdminSetup(dataDir: string): FirstAdminSetup {
  const tokenFile = setupTokenPathFor(dataDir);
  const token = Buffer.from(randomBytes(32).toString('base64url'));
  // A file left by an earlier server (we hold the data directory's lock: it is not running).
  rmSync(tokenFile, { force: true });
  const fd = openSync(tokenFile, 'wx', 0o600);
  writeSync(fd, `${token.toString()}\n`);
  closeSync(fd);
  let open = true;
  const close = () => {
    open = false;
    process.off('exit', close);
    rmSync(tokenFile, { force: true });
  };
  process.on('exit', close);
  return {
    tokenFile,
    accepts(candidate) {
      const given = Buffer.from(candidate);
      return open && given.length === token.length && timingSafeEqual(given, token);
    },
    close,
    get isOpen() {
      return open;
    },
  };
}

/** What the server prints when the database has no users: how to create the first admin now. */
export function firstAdminAdvice(setup: FirstAdminSetup | undefined): string {
  const command =
    '  HATANG_ADMIN_PASSWORD=… npm run user:create -- --email you@example.org --org SKHCN-HP ' +
    '--org-name "Sở KH&CN Hải Phòng" --name "Your Name"\n' +
    '  (without HATANG_ADMIN_PASSWORD the script asks for the password)';
  return setup
    ? 'No user accounts yet. Create the first admin while this server runs, from another terminal\n' +
        'in the same folder (with the same HATANG_DATA_DIR):\n' +
        `${command}\n` +
        `  The script hands the account to this server with the one-time token in ${setup.tokenFile};\n` +
        '  you can sign in at once.'
    : `No user accounts yet. Create the first admin (while this server runs) with:\n${command}`;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** `POST /` (mounted at /api/setup/first-admin): creates the first admin, see the file's comment. */
export function firstAdminRoutes(db: Database, setup: FirstAdminSetup, options: AuthOptions = {}) {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    let remote: string | undefined;
    try {
      remote = getConnInfo(c).remote.address;
    } catch {
      remote = undefined;
    }
    // A reverse proxy on this machine forwards remote clients from loopback: it adds these.
    const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => c.req.header(h) !== undefined);
    if (!remote || !LOOPBACK.has(remote) || proxied)
      throw new ApiError(
        403,
        'FORBIDDEN',
        'The first admin can only be created from the server’s own machine',
      );
    if (!setup.isOpen) throw new ApiError(409, 'CONFLICT', 'The first admin exists already');
    const body = await parseBody(c, firstAdminRequest);
    if (!setup.accepts(body.token)) throw new ApiError(403, 'FORBIDDEN', 'The setup token is wrong');
    try {
      const passwordHash = await hashPassword(body.password, options.scryptN ?? DEFAULT_SCRYPT_N);
      const created = await createAccount(
        db,
        {
          email: body.email,
          displayName: body.displayName,
          orgCode: body.orgCode,
          orgName: body.orgName,
          roles: body.roles,
          passwordHash,
        },
        { onlyIfNoUsers: true },
      );
      setup.close();
      return c.json(
        { id: created.userId, email: body.email, roles: body.roles, orgCreated: created.orgCreated },
        201,
      );
    } catch (error) {
      if (error instanceof AccountRefused && error.reason === 'users_exist') {
        setup.close();
        throw new ApiError(409, 'CONFLICT', 'The first admin exists already');
      }
      throw error;
    }
  });
  return app;
}
