/**
 * Acceptance is atomic: two requests for the last free slot accepted at the same moment — one
 * wins, the other gets 409 CONFLICT. On a server PostGIS the two requests run in parallel on two
 * pooled connections (the second blocks on the asset row lock until the first commits); on PGlite
 * the single connection runs the two transactions one after the other.
 */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway } from '../support/fixtures.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import {
  fileRequest,
  insertDuct,
  insertPole,
  insertTenancy,
  insertTower,
  STEP_BODIES,
  stepRequest,
  towerRequest,
} from './colocation-support.js';

let db: Database;
let app: App;
let owner: string;
let ownerEditor: Session;
let requesterA: Session;
let requesterC: Session;

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  owner = await createOrganisation(db, 'operator');
  ownerEditor = await sessionFor(app, db, owner, ['operator_editor']);
  requesterA = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  requesterC = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
});

/** Accepts both requests at once; returns the two statuses and error codes, and the loser's message. */
async function acceptBoth(first: { id: string; version: number }, second: { id: string; version: number }) {
  const responses = await Promise.all([
    stepRequest(app, ownerEditor, first, 'accept', STEP_BODIES.accept),
    stepRequest(app, ownerEditor, second, 'accept', STEP_BODIES.accept),
  ]);
  const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
    error?: { code: string; message: string };
  }[];
  return {
    outcomes: responses
      .map((r, i) => `${r.status}${bodies[i]?.error ? ` ${bodies[i]?.error?.code}` : ''}`)
      .sort(),
    message: bodies.find((b) => b.error)?.error?.message ?? '',
  };
}

/** Locks one row in a transaction of its own until `release` (server databases only: PGlite has one connection). */
async function holdRowLock(table: 'towers', id: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = db.transaction(async (tx) => {
    await tx.query(`SELECT id FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    locked();
    await released;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

/** Waits until `n` sessions of this database wait for a lock. */
async function waitForLockWaiters(n: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((row?.n ?? 0) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${n} transactions ever waited for the lock: the acceptances did not overlap`);
}

describe('two acceptances for the last free slot at the same moment', () => {
  it('on a tower: one tenancy is created, the other acceptance is refused with a clear conflict', async () => {
    const tower = await insertTower(db, owner, farAway(4800), { tenantsMax: 2 });
    await insertTenancy(db, tower, owner, 3);
    const a = await fileRequest(app, requesterA, towerRequest(tower));
    const c = await fileRequest(app, requesterC, towerRequest(tower));
    // On a server, prove the two really overlap: hold the tower's row lock until both acceptances
    // are inside their transactions waiting for it, then let them race.
    const hold = process.env.DATABASE_URL ? await holdRowLock('towers', tower) : undefined;
    const race = acceptBoth(a, c);
    if (hold) {
      await waitForLockWaiters(2);
      await hold.release();
    }
    const { outcomes, message } = await race;
    expect(outcomes).toEqual(['200', '409 CONFLICT']);
    expect(message).toContain('No room left for this request: No tenant slot free (2/2 tenants)');
    const [count] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM tenancies WHERE tower_id = $1',
      [tower],
    );
    expect(count?.n).toBe(2);
    const statuses = await db.query<{ status: string }>(
      'SELECT status FROM colocation_requests WHERE id IN ($1, $2) ORDER BY status',
      [a.id, c.id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'submitted']);
  });

  it('on a pole: attachments_used reaches the maximum once', async () => {
    const pole = await insertPole(db, owner, farAway(4801), 5, 6);
    const body = {
      target: { kind: 'pole', id: pole, attachmentCount: 1 },
      justification: 'x',
      desiredStartDate: '2027-01-01',
    };
    const { outcomes } = await acceptBoth(
      await fileRequest(app, requesterA, body),
      await fileRequest(app, requesterC, body),
    );
    expect(outcomes).toEqual(['200', '409 CONFLICT']);
    const [row] = await db.query<{ used: number }>(
      'SELECT attachments_used AS used FROM poles WHERE id = $1',
      [pole],
    );
    expect(row?.used).toBe(6);
  });

  it('on overlapping duct paths: the shared segment is never over-booked', async () => {
    const start = farAway(4802);
    const shared = await insertDuct(db, owner, start, 5, 6);
    const left = await insertDuct(db, owner, [start[0] - 0.001, start[1] - 0.0005], 0, 6);
    const right = await insertDuct(db, owner, [start[0] + 0.001, start[1] + 0.0005], 0, 6);
    const path = (ids: string[]) => ({
      target: { kind: 'duct', ids, tubes: 1 },
      justification: 'x',
      desiredStartDate: '2027-01-01',
    });
    // Opposite orders: the locks are taken in id order, so neither transaction deadlocks.
    const { outcomes } = await acceptBoth(
      await fileRequest(app, requesterA, path([left, shared])),
      await fileRequest(app, requesterC, path([shared, right])),
    );
    expect(outcomes).toEqual(['200', '409 CONFLICT']);
    const rows = await db.query<{ used: number }>(
      'SELECT tubes_used AS used FROM ducts WHERE id IN ($1, $2, $3) ORDER BY id',
      [shared, left, right],
    );
    expect(rows.map((r) => r.used).reduce((s, n) => s + n, 0)).toBe(7);
  });
});
