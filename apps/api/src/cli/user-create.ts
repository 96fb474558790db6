/**
 * `npm run user:create -- --email a@b.vn --org SKHCN-HP [--org-name "…"] --name "…" [--roles admin,planner]`
 * Creates a user (default role admin) in the database the server uses (DATABASE_URL, else PGlite
 * in HATANG_DATA_DIR or .data). When a running server holds the embedded database, the first
 * admin is created through that server (its one-time setup token), so it can sign in at once. The organisation is created (kind city_department) when no
 * organisation has that code. The password comes from HATANG_ADMIN_PASSWORD, or is asked for on
 * a terminal without echo; it is never printed.
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hashPassword } from '@hatang/accounts';
import { email as emailSchema, type FirstAdminRequest, newPassword, role } from '@hatang/contracts';
import { type LockHolder, migrate, openDatabase, readDataDirLock } from '@hatang/db';
import { z } from 'zod';
import { readEnv } from '../env.js';
import { createAccount } from '../features/accounts/create-account.js';
import { setupTokenPathFor } from '../features/accounts/first-admin.js';

const USAGE =
  'usage: npm run user:create -- --email <e-mail> --org <ORG-CODE> [--org-name <name>] --name <display name> [--roles admin,planner]';

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  return new Promise((resolve, reject) => {
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let text = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('Set HATANG_ADMIN_PASSWORD (no terminal to ask on)');
  const first = await promptHidden('Password (at least 10 characters): ');
  const again = await promptHidden('Password again: ');
  if (first !== again) throw new Error('The passwords differ');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      org: { type: 'string' },
      'org-code': { type: 'string' },
      'org-name': { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string', default: 'admin' },
    },
  });
  const orgCode = values.org ?? values['org-code'];
  if (!values.email || !orgCode || !values.name) throw new Error(USAGE);
  const email = emailSchema.parse(values.email);
  const roles = z
    .array(role)
    .min(1)
    .parse(values.roles.split(',').map((r) => r.trim()));
  const env = readEnv();
  const password = newPassword.safeParse(await readPassword(env.HATANG_ADMIN_PASSWORD));
  if (!password.success) throw new Error(`Password ${password.error.issues[0]?.message ?? 'is not valid'}`);

  const account = { email, displayName: values.name, orgCode, orgName: values['org-name'], roles };
  if (!env.DATABASE_URL) {
    // The embedded database is the running server's alone: ask the server to create the account.
    const holder = readDataDirLock(env.HATANG_DATA_DIR);
    if (holder) {
      await createThroughServer(holder, env.HATANG_DATA_DIR, { ...account, password: password.data });
      return;
    }
  }
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.HATANG_DATA_DIR,
    purpose: 'npm run user:create',
  });
  try {
    await migrate(db);
    const passwordHash = await hashPassword(password.data);
    const { orgCreated } = await createAccount(db, { ...account, passwordHash });
    if (orgCreated) console.log(`Created organisation ${orgCode} (city_department)`);
    console.log(`Created ${email} (${roles.join(', ')}) in ${orgCode}; sign in at the app's login.`);
  } finally {
    await db.close();
  }
}

/**
 * Creates the first admin through the server that holds the embedded database (POST
 * /api/setup/first-admin on loopback, with the one-time token the server wrote at start).
 */
async function createThroughServer(
  holder: LockHolder,
  dataDir: string,
  account: Omit<FirstAdminRequest, 'token'>,
): Promise<void> {
  const busy = `The embedded database in ${dataDir} is open in pid ${holder.pid} (${holder.purpose}, started at ${holder.startedAt})`;
  if (!holder.url) throw new Error(`${busy}, which is not answering yet: try again once it is ready.`);
  let token: string;
  try {
    token = readFileSync(setupTokenPathFor(dataDir), 'utf8').trim();
  } catch {
    throw new Error(
      `${busy}. It offers no first-admin setup (it has users already): an admin adds users in the ` +
        'web app, or stop the server and run this again.',
    );
  }
  const response = await fetch(`${holder.url}/api/setup/first-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...account, token } satisfies FirstAdminRequest),
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (response.status !== 201)
    throw new Error(`The server at ${holder.url} refused (${response.status}): ${body.error?.message ?? ''}`);
  console.log(
    `Created ${account.email} (${(account.roles ?? ['admin']).join(', ')}) in ${account.orgCode} through the ` +
      `running server at ${holder.url}; sign in now.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
