/**
 * `npm run user:create -- --email a@b.vn --org SKHCN-HP [--org-name "…"] --name "…" [--roles admin,planner]`
 * Creates a user (default role admin) in the database the server uses (DATABASE_URL, else PGlite
 * in HATANG_DATA_DIR or .data). The organisation is created (kind city_department) when no
 * organisation has that code. The password comes from HATANG_ADMIN_PASSWORD, or is asked for on
 * a terminal without echo; it is never printed.
 */
import { parseArgs } from 'node:util';
import { email as emailSchema, newPassword, role } from '@hatang/contracts';
import { migrate, openDatabase } from '@hatang/db';
import { z } from 'zod';
import { hashPassword } from '../apps/api/src/auth/password.js';
import { insertUser } from '../apps/api/src/auth/user-store.js';

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

async function readPassword(): Promise<string> {
  const fromEnv = process.env.HATANG_ADMIN_PASSWORD;
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
  const password = newPassword.safeParse(await readPassword());
  if (!password.success) throw new Error(`Password ${password.error.issues[0]?.message ?? 'is not valid'}`);

  const db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.HATANG_DATA_DIR ?? '.data',
  });
  try {
    await migrate(db);
    const passwordHash = await hashPassword(password.data);
    await db.transaction(async (tx) => {
      const taken = await tx.query('SELECT 1 FROM users WHERE email = $1', [email]);
      if (taken.length) throw new Error(`A user ${email} already exists`);
      let orgId = (
        await tx.query<{ id: string }>('SELECT id FROM organisations WHERE code = $1', [orgCode])
      )[0]?.id;
      if (!orgId) {
        orgId = crypto.randomUUID();
        await tx.query(
          `INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, $3, 'city_department')`,
          [orgId, orgCode, values['org-name'] ?? orgCode],
        );
        console.log(`Created organisation ${orgCode} (city_department)`);
      }
      await insertUser(tx, { email, displayName: values.name ?? email, orgId, roles, passwordHash });
    });
    console.log(`Created ${email} (${roles.join(', ')}) in ${orgCode}; sign in at the app's login.`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
