import type { Health } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { holdDatabase } from '../support/hold-database.js';
import { testDatabase } from '../support/test-database.js';

let app: App;
let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db });
});

const health = async () => {
  const response = await app.request('/api/health');
  expect(response.status).toBe(200);
  return (await response.json()) as Health;
};

describe('health while the database is held', () => {
  it('answers at once while a transaction holds the database, saying whether it is busy', async () => {
    // On a loaded machine the very first ping can outlast the 50 ms budget: ask until it answers.
    let first = await health();
    for (let i = 0; i < 50 && first.database.busy; i++) first = await health();
    expect(first.database.busy).toBeUndefined();
    const hold = await holdDatabase(db);
    try {
      const during = await health();
      expect(during.status).toBe('ok');
      expect(during.database.postgis).toBe(first.database.postgis);
      // The embedded database is one connection: a ping waits behind the transaction, so the check
      // says busy instead of waiting. A server pool answers the ping on another connection (busy
      // only if opening that connection outlasts the budget), so there only the answer counts.
      if (db.kind === 'pglite') expect(during.database.busy).toBe(true);
    } finally {
      hold.release();
      await hold.done;
    }
    let after = await health();
    for (let i = 0; i < 50 && after.database.busy; i++) after = await health();
    expect(after.database.busy).toBeUndefined();
  });
});
