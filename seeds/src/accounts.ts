/**
 * Demo accounts: one per role and organisation, all with the password DEMO_PASSWORD (printed on
 * the first start and in the README). Each hash gets its own salt; ~16 scrypt hashes run in
 * parallel on libuv's thread pool, about a second.
 */
import { hashPassword, insertUser } from '@hatang/accounts';
import type { Role } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { organisations } from '@hatang/db/schema';
import { asc } from 'drizzle-orm';

/** The one password of every demo account. Demo only: `HATANG_DEMO=0` seeds no accounts. */
export const DEMO_PASSWORD = 'hatang-demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  /** Organisation code; `UBND-*` means the first commune organisation the seed created. */
  orgCode: string;
  roles: Role[];
}

const STAFF: readonly { short: string; orgCode: string; name: string }[] = [
  { short: 'song', orgCode: 'OP-SONG', name: 'Sông Telecom' },
  { short: 'bien', orgCode: 'OP-BIEN', name: 'Biển Mobile' },
  { short: 'cang', orgCode: 'OP-CANG', name: 'Cảng Net' },
  { short: 'nui', orgCode: 'OP-NUI', name: 'Núi Viễn thông' },
  { short: 'towerco', orgCode: 'TOWERCO-HP', name: 'Hạ tầng Cột HP' },
];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'admin@hatang.demo',
    displayName: 'Quản trị hệ thống (demo)',
    orgCode: 'SKHCN-HP',
    roles: ['admin'],
  },
  {
    email: 'planner@hatang.demo',
    displayName: 'Chuyên viên quy hoạch (demo)',
    orgCode: 'SKHCN-HP',
    roles: ['planner'],
  },
  {
    email: 'reviewer@hatang.demo',
    displayName: 'Cán bộ thẩm định Sở Xây dựng (demo)',
    orgCode: 'SXD-HP',
    roles: ['reviewer'],
  },
  ...STAFF.flatMap(({ short, orgCode, name }): DemoAccount[] => [
    {
      email: `editor.${short}@hatang.demo`,
      displayName: `Biên tập viên ${name} (demo)`,
      orgCode,
      roles: ['operator_editor'],
    },
    {
      email: `viewer.${short}@hatang.demo`,
      displayName: `Người xem ${name} (demo)`,
      orgCode,
      roles: ['operator_viewer'],
    },
  ]),
  {
    email: 'inspector@hatang.demo',
    displayName: 'Cán bộ xã (demo)',
    orgCode: 'UBND-*',
    roles: ['inspector'],
  },
  {
    email: 'viewer@hatang.demo',
    displayName: 'Người xem (demo)',
    orgCode: 'PUBLIC-DEMO',
    roles: ['viewer'],
  },
];

export interface HashedDemoAccount extends DemoAccount {
  passwordHash: string;
}

/** Hashes the demo password once per account (fresh salt each); do it before opening a transaction. */
export function hashDemoAccounts(scryptN?: number): Promise<HashedDemoAccount[]> {
  return Promise.all(
    DEMO_ACCOUNTS.map(async (a) => ({ ...a, passwordHash: await hashPassword(DEMO_PASSWORD, scryptN) })),
  );
}

/** Inserts the demo accounts into their seeded organisations; returns them with the real org codes. */
export async function loadDemoAccounts(
  tx: Sql,
  accounts: readonly HashedDemoAccount[],
): Promise<DemoAccount[]> {
  const orgs = await orm(tx)
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .orderBy(asc(organisations.code));
  const commune = orgs.find((o) => o.code.startsWith('UBND-'));
  const loaded: DemoAccount[] = [];
  for (const { passwordHash, ...account } of accounts) {
    const org = account.orgCode === 'UBND-*' ? commune : orgs.find((o) => o.code === account.orgCode);
    if (!org) throw new Error(`demo account ${account.email}: no organisation ${account.orgCode}`);
    await insertUser(tx, { ...account, orgId: org.id, passwordHash });
    loaded.push({ ...account, orgCode: org.code });
  }
  return loaded;
}

/** The accounts and the password as the server prints them on first start. */
export function describeDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD}):`,
    ...accounts.map((a) => `  ${a.email.padEnd(28)} ${a.roles.join(', ').padEnd(16)} ${a.orgCode}`),
  ];
}
