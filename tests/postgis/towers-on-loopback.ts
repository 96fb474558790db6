/**
 * For the GIS-client checks (GDAL, QGIS): a test app with `count` towers of one operator at
 * `farAway(firstPlace + i)`, served on a loopback port so that a real client can read it.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

export interface ServedTowers {
  app: App;
  /** `http://127.0.0.1:PORT` */
  base: string;
  close: () => void;
}

export async function serveTowersOnLoopback(
  prefix: string,
  count: number,
  firstPlace: number,
): Promise<ServedTowers> {
  const db = await testDatabase();
  const app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const org = await createOrganisation(db, 'operator');
  const owner = await sessionFor(app, db, org, ['operator_editor']);
  for (let i = 0; i < count; i++) {
    const code = `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
    const tower = sampleFeature('towers', org, code, farAway(firstPlace + i));
    expect((await call(app, 'POST', '/api/v1/towers', { as: owner, json: tower })).status).toBe(201);
  }
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ app, base: `http://127.0.0.1:${info.port}`, close: () => server.close() });
    });
  });
}
