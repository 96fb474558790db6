/**
 * The structured log: one JSON line per request carrying the id the client got in X-Request-Id,
 * the status and who asked, never the query string (it can carry search text).
 */
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createLogger } from '../../apps/api/src/log/logger.js';
import { createOrganisation } from '../support/fixtures.js';
import { sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});
let app: App;
let headers: Record<string, string>;
let userId: string;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, logger: createLogger('info', sink) });
  const session = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  headers = session.headers;
  userId = session.user.id;
});

const lineFor = (requestId: string | null) =>
  lines.find((l) => l.requestId === requestId && l.msg === 'request');

describe('the access log', () => {
  it('writes one line per request with its server id, status and duration, without the query', async () => {
    const response = await app.request('/api/v1/population/summary?bbox=1,2,3,4', {
      headers: { 'x-request-id': 'client-trace-7' },
    });
    expect(response.status).toBe(200);
    const line = lineFor(response.headers.get('x-request-id'));
    expect(line).toMatchObject({
      level: 30,
      service: 'hatang-api',
      method: 'GET',
      path: '/api/v1/population/summary',
      status: 200,
      clientRequestId: 'client-trace-7',
    });
    expect(line?.userId).toBeUndefined();
    expect(typeof line?.ms).toBe('number');
    expect(JSON.stringify(line)).not.toContain('bbox');
  });

  it('names the signed-in user, and logs refusals and unknown paths too', async () => {
    const mine = await app.request('/api/v1/organisations', { headers });
    expect(lineFor(mine.headers.get('x-request-id'))).toMatchObject({ status: 200, userId });
    const refused = await app.request('/api/v1/users');
    expect(refused.status).toBe(401);
    expect(lineFor(refused.headers.get('x-request-id'))).toMatchObject({
      status: 401,
      path: '/api/v1/users',
    });
    const missing = await app.request('/api/v1/nothing-here');
    expect(lineFor(missing.headers.get('x-request-id'))).toMatchObject({ status: 404 });
  });
});
