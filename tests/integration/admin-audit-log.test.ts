/**
 * The admin's audit log over the real app: filters (actor, action, resource, record, Vietnam-time
 * days), cursor paging with a bounded page, secrets redacted, and the CSV download of the filtered log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Entry = {
  id: string;
  at: string;
  action: string;
  resource: string;
  recordId: string;
  actorUserId: string | null;
  actorEmail: string | null;
  before: unknown;
  after: unknown;
};
type Page = { items: Entry[]; next: string | null };

let app: App;
let admin: Session;
let other: Session;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  admin = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['admin']);
  other = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['admin']);
});

/** A resource name of this test alone, so the shared database's other entries stay out. */
const testResource = () => `test-${crypto.randomUUID().slice(0, 8)}`;

/** Appends an entry as a writer would, at a chosen time (UTC ISO 8601). */
async function appendEntry(entry: {
  resource: string;
  at: string;
  actor?: Session;
  action?: 'create' | 'update';
  recordId?: string;
  after?: unknown;
}): Promise<string> {
  const db = await testDatabase();
  const recordId = entry.recordId ?? crypto.randomUUID();
  const action = entry.action ?? 'create';
  await db.query(
    `INSERT INTO audit_log (at, actor_user_id, actor_name, via, request_id, resource, record_id, action, version, before, after)
     VALUES ($1, $2, 'Người thử', 'session', 'req-test', $3, $4, $5, 1, $6::jsonb, $7::jsonb)`,
    [
      entry.at,
      entry.actor?.user.id ?? null,
      entry.resource,
      recordId,
      action,
      action === 'update' ? '{}' : null,
      JSON.stringify(entry.after ?? { name: 'x' }),
    ],
  );
  return recordId;
}

const page = (query: string, as: Session = admin) =>
  call<Page>(app, 'GET', `/api/v1/audit-log?${query}`, { as });

async function csv(query: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await app.request(`/api/v1/audit-log/export.csv?${query}`, { headers: admin.headers });
  // Decoded keeping the byte order mark (text() drops it), to see that Excel gets one.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { status: response.status, text, headers: response.headers };
}

describe('the audit log', () => {
  it('reads from/to as whole days in Vietnam time (UTC+7), both included', async () => {
    const resource = testResource();
    const times = [
      '2026-11-30T16:59:00Z', // 30/11 23:59 in Viet Nam: before
      '2026-11-30T17:00:00Z', // 01/12 00:00: in
      '2026-12-01T16:59:59Z', // 01/12 23:59: in
      '2026-12-01T17:00:00Z', // 02/12 00:00: after
    ];
    for (const at of times) await appendEntry({ resource, at });
    const day = await page(`resource=${resource}&from=2026-12-01&to=2026-12-01`);
    expect(day.status).toBe(200);
    expect(day.body.items.map((e) => e.at)).toEqual(['2026-12-01T16:59:59.000Z', '2026-11-30T17:00:00.000Z']);
    const from = await page(`resource=${resource}&from=2026-12-02`);
    expect(from.body.items.map((e) => e.at)).toEqual(['2026-12-01T17:00:00.000Z']);
    const to = await page(`resource=${resource}&to=2026-11-30`);
    expect(to.body.items.map((e) => e.at)).toEqual(['2026-11-30T16:59:00.000Z']);
  });

  it('filters by actor, action and record, and says who the actor is', async () => {
    const resource = testResource();
    const record = await appendEntry({ resource, at: '2026-10-01T01:00:00Z', actor: admin });
    await appendEntry({
      resource,
      at: '2026-10-01T02:00:00Z',
      actor: admin,
      action: 'update',
      recordId: record,
    });
    await appendEntry({ resource, at: '2026-10-01T03:00:00Z', actor: other });
    const mine = await page(`resource=${resource}&actor=${admin.user.id}`);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items[0]).toMatchObject({ actorUserId: admin.user.id, actorEmail: admin.user.email });
    const updates = await page(`resource=${resource}&action=update`);
    expect(updates.body.items.map((e) => e.recordId)).toEqual([record]);
    const byRecord = await page(`recordId=${record}`);
    expect(byRecord.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    const theirs = await page(`resource=${resource}&actor=${other.user.id}&action=create`);
    expect(theirs.body.items).toHaveLength(1);
  });

  it('pages newest first with a cursor, and bounds the page size', async () => {
    const resource = testResource();
    for (let i = 0; i < 5; i++) await appendEntry({ resource, at: `2026-09-0${i + 1}T00:00:00Z` });
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 5; pages++) {
      const next = await page(`resource=${resource}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...next.body.items.map((e) => e.at.slice(0, 10)));
      if (!next.body.next) break;
      cursor = next.body.next;
    }
    expect(seen).toEqual(['2026-09-05', '2026-09-04', '2026-09-03', '2026-09-02', '2026-09-01']);
    const tooMany = await call<{ error: { details: { path: string[] }[] } }>(
      app,
      'GET',
      '/api/v1/audit-log?limit=201&cursor=abc&from=2026-13-01&action=burn&actor=me',
      { as: admin },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.map((d) => d.path.join('.')).sort()).toEqual([
      'action',
      'actor',
      'cursor',
      'from',
      'limit',
    ]);
  });

  it('never shows password hashes, key hashes, tokens or an API key’s secret', async () => {
    const leaked = {
      email: 'a@b.c',
      passwordHash: 'scrypt$32768$8$1$c2FsdA$aGFzaA',
      nested: { tokenHash: 'deadbeef', list: [{ csrfToken: 'csrf-secret' }] },
    };
    const record = await appendEntry({ resource: 'users', at: '2026-08-01T00:00:00Z', after: leaked });
    const key = await appendEntry({
      resource: 'api-keys',
      at: '2026-08-01T00:00:00Z',
      after: { name: 'IOC', key: 'hk_supersecret', keyHash: 'abc123' },
    });
    const users = await page(`recordId=${record}`);
    expect(users.body.items[0]?.after).toEqual({
      email: 'a@b.c',
      passwordHash: '[redacted]',
      nested: { tokenHash: '[redacted]', list: [{ csrfToken: '[redacted]' }] },
    });
    const keys = await page(`recordId=${key}`);
    expect(keys.body.items[0]?.after).toEqual({ name: 'IOC', key: '[redacted]', keyHash: '[redacted]' });
    const file = await csv(`recordId=${key}`);
    expect(file.text).toContain('IOC');
    expect(file.text).not.toMatch(/hk_supersecret|abc123/);
    const userFile = await csv(`recordId=${record}`);
    expect(userFile.text).not.toMatch(/scrypt|deadbeef|csrf-secret/);
  });

  it('audits an API key issued through the API without its secret', async () => {
    const issued = await call<{ id: string; key: string }>(app, 'POST', '/api/v1/api-keys', {
      as: admin,
      json: { name: 'Khóa nhật ký', scopes: ['read'] },
    });
    expect(issued.status).toBe(201);
    const revoked = await call(app, 'DELETE', `/api/v1/api-keys/${issued.body.id}`, { as: admin });
    expect(revoked.status).toBe(204);
    const entries = await page(`resource=api-keys&recordId=${issued.body.id}`);
    expect(entries.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    const text = JSON.stringify(entries.body);
    expect(text).toContain('Khóa nhật ký');
    expect(text).not.toContain(issued.body.key);
  });

  it('downloads the filtered log as CSV with Vietnam time, newest first', async () => {
    const resource = testResource();
    await appendEntry({ resource, at: '2026-07-01T02:05:00Z', actor: admin });
    await appendEntry({ resource, at: '2026-07-02T18:30:00Z', actor: other });
    await appendEntry({ resource, at: '2026-07-03T00:00:00Z', actor: admin, action: 'update' });
    const file = await csv(`resource=${resource}&action=create`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="hatang-audit-log-/);
    expect(file.headers.get('x-row-count')).toBe('2');
    expect(file.headers.get('x-truncated')).toBe('false');
    expect(file.text.startsWith('\uFEFFid,at_utc,at_vietnam,actor_name,actor_email')).toBe(true);
    const lines = file.text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    // 18:30 UTC on 2 July is 01:30 on 3 July in Viet Nam.
    expect(lines[1]).toContain('2026-07-02T18:30:00.000Z,03/07/2026 01:30,Người thử');
    expect(lines[1]).toContain(other.user.email);
    expect(lines[2]).toContain('01/07/2026 09:05');
    expect(lines[2]).toContain(admin.user.email);
    const bad = await csv('from=yesterday');
    expect(bad.status).toBe(400);
  });
});
