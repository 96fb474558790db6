import { assetResources } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

/** mulberry32: a small seeded PRNG so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: unknown[] = [
  null,
  '',
  ' ',
  'a\u0000b',
  'x'.repeat(5000),
  -1,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  0.5,
  true,
  [],
  [1, 2],
  {},
  { type: 'Point' },
  '2027-02-30',
  '"; DROP TABLE towers; --',
  '00000000-0000-0000-0000-000000000000',
  ['5G', '6G'],
  'Đường Lạch Tray',
];

let app: App;
let api: ReturnType<typeof client>;
let owner: string;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db });
  api = client(app, await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']));
  owner = await createOrganisation(db);
});

describe('no input produces a 500', () => {
  it.each(assetResources.map((r) => [r.path]))('POST /api/v1/%s with 60 mutated features', async (path) => {
    const random = prng(path.length * 7919);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    for (let i = 0; i < 60; i++) {
      const feature = sampleFeature(path, owner, `fuzz-${path}-${i}`, farAway(900 + i)) as {
        geometry: { coordinates: unknown };
        properties: Record<string, unknown>;
      };
      const keys = Object.keys(feature.properties);
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
        if (random() < 0.2) feature.geometry.coordinates = pick(NASTY);
        else feature.properties[pick(keys)] = pick(NASTY);
      }
      const response = await api<{ error?: { code: string } }>('POST', `/api/v1/${path}`, {
        json: feature,
      });
      expect([201, 400, 409], JSON.stringify(feature)).toContain(response.status);
    }
  });
});
