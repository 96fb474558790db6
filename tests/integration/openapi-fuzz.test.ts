/**
 * Property-based fuzzing of every operation in the OpenAPI document, as an anonymous caller, an
 * operator's editor and a planner: malformed path parameters, query strings, bodies and headers.
 * Properties: no answer is a 5xx, every error has the one error shape, and a refused request
 * (4xx) writes nothing. Bounded: a few runs per operation and role, seeded so a failure replays.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: { enum?: string[] } };
type Operation = { parameters?: Parameter[]; requestBody?: unknown };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Tables a request can write to (sessions and the login throttle change on any sign-in, so not those). */
const WRITTEN_TABLES = [
  'organisations',
  'towers',
  'tenancies',
  'poles',
  'manholes',
  'ducts',
  'trenches_tunnels',
  'cable_routes',
  'landing_stations',
  'submarine_cables',
  'wifi_points',
  'civil_works',
  'api_keys',
  'audit_log',
  'coverage_polygons',
  'import_jobs',
  'plans',
  'plan_versions',
  'plan_items',
  'plan_zones',
  'site_offers',
  'key_sites',
  'dii_catalogues',
  'dii_values',
  'indicator_interim_targets',
  'permit_applications',
  'attachments',
  'permit_comments',
  'permit_check_config',
  'violations',
  'colocation_requests',
  'colocation_messages',
  'undergrounding_campaign_segments',
];

const RUNS_PER_OPERATION = 3;

let app: App;
let doc: Doc;
let db: Awaited<ReturnType<typeof testDatabase>>;
let towerId: string;
const roles: Record<string, (() => Promise<Record<string, string>>) | undefined> = {};

/** Row count and newest row version (xmin) of every written table: any write changes it. */
async function fingerprint(): Promise<string> {
  const parts = WRITTEN_TABLES.map(
    (t) => `(SELECT count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM ${t})`,
  );
  const [row] = await db.query<{ f: string }>(`SELECT concat_ws(',', ${parts.join(', ')}) AS f`);
  return row?.f ?? '';
}

beforeAll(async () => {
  db = await testDatabase();
  // Wrong passwords are among the inputs: no lock-out may stop the fuzzing itself.
  app = createApp({
    db,
    auth: { scryptN: TEST_SCRYPT_N, freeFailures: 1e9, maxIpFailures: 1e9 },
    loadShedding: { maxInFlight: 1000, maxWaiting: 1000, maxWaitMs: 60_000 },
  });
  doc = (await call<Doc>(app, 'GET', '/api/openapi.json')).body;
  const operator = await createOrganisation(db);
  const city = await createOrganisation(db, 'city_department');
  // Fresh sessions per operation: a fuzzed logout or password change must not end the run.
  roles.anonymous = async () => ({});
  roles.operator = async () => (await sessionFor(app, db, operator, ['operator_editor'])).headers;
  roles.planner = async () => (await sessionFor(app, db, city, ['planner'])).headers;
  const planner = await roles.planner();
  const created = await call<{ id: string }>(app, 'POST', '/api/v1/towers', {
    json: sampleFeature('towers', operator, `FUZZ-${crypto.randomUUID().slice(0, 8)}`, farAway(1777)),
    as: { headers: planner },
  });
  expect(created.status).toBe(201);
  towerId = created.body.id;
});

const nasty = fc.constantFrom(
  '',
  ' ',
  'null',
  '-1',
  '0',
  '1e308',
  'NaN',
  'a'.repeat(3000),
  '%ZZ',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '00000000-0000-0000-0000-000000000000',
  'constructor',
  '__proto__',
  "'; DROP TABLE towers; --",
  'Đường Lạch Tray',
  '106.6,20.8,106.7',
  '999,999,-999,-999',
);
const pathValue = fc.oneof(nasty, fc.uuid(), fc.constant('__tower__'), fc.string({ maxLength: 40 }));
const queryValue = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.integer().map(String));
const body = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'text' as const, contentType: 'application/json', text: '{"unterminated": ' }),
  fc.constant({ kind: 'text' as const, contentType: 'text/plain', text: 'hello' }),
  fc.constant({ kind: 'text' as const, contentType: 'multipart/form-data', text: '--x\r\n\r\n' }),
  fc.constant({
    kind: 'text' as const,
    contentType: 'multipart/form-data; boundary=zzz',
    text: '--other\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--other--\r\n',
  }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({
    kind: 'text' as const,
    contentType: 'application/json',
    text: JSON.stringify(value),
  })),
  fc
    .dictionary(
      fc.constantFrom('type', 'properties', 'geometry', 'status', 'id', 'name', 'code'),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map((value) => ({
      kind: 'text' as const,
      contentType: 'application/json',
      text: JSON.stringify(value),
    })),
);
const headers = fc.record(
  {
    'if-match': fc.constantFrom('', '*', 'W/"x"', '"99999999999"', '"1"', 'garbage'),
    // Headers travel as bytes: UTF-8 text arrives as Latin-1 characters, as Node's parser gives it.
    'x-request-id': fc
      .oneof(nasty, fc.string({ maxLength: 200 }))
      .map((text) => Buffer.from(text, 'utf8').toString('latin1')),
    accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'application/x-protobuf'),
  },
  { requiredKeys: [] },
);

function buildPath(template: string, values: string[]): string {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => {
    const value = values[i++] ?? 'x';
    if (value === '__tower__') return towerId;
    // Malformed percent-encodings go through as they are: they are part of what is fuzzed.
    return value.startsWith('%') || value.includes('%2F') ? value : encodeURIComponent(value);
  });
}

describe('every OpenAPI operation under fuzzed input', () => {
  it('never answers 5xx, always answers errors in the error shape, and writes nothing when it refuses', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        path,
        method: method.toUpperCase(),
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThan(150);
    let requests = 0;
    /** The database's fingerprint after the last request: a refused one must leave it as it was. */
    let state = await fingerprint();
    const statuses = new Map<number, number>();
    /** One line per failing operation and role (the run goes on, so one bug hides no other). */
    const failures: string[] = [];
    for (const { path, method, operation } of operations) {
      const pathCount = (path.match(/\{/g) ?? []).length;
      const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const role of Object.keys(roles)) {
        const sign = roles[role];
        if (!sign) continue;
        const signed = await sign();
        const run = fc.assert(
          fc.asyncProperty(
            fc.array(pathValue, { minLength: pathCount, maxLength: pathCount }),
            fc.dictionary(
              fc.constantFrom('bbox', 'limit', 'cursor', 'format', 'crs', ...queryNames),
              queryValue,
              {
                maxKeys: 4,
              },
            ),
            body,
            headers,
            async (values, query, payload, extra) => {
              const search = new URLSearchParams(query).toString();
              const url = `${buildPath(path, values)}${search ? `?${search}` : ''}`;
              const requestHeaders: Record<string, string> = { ...extra, ...signed };
              let text: string | undefined;
              if (payload.kind === 'text' && method !== 'GET' && method !== 'HEAD') {
                requestHeaders['content-type'] = payload.contentType;
                text = payload.text;
              }
              const response = await app.request(url, { method, headers: requestHeaders, body: text });
              const raw = new Uint8Array(await response.arrayBuffer());
              requests++;
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              const where = `${role} ${method} ${url} ${JSON.stringify(payload).slice(0, 300)}`;
              expect(
                response.status,
                `${where} → ${new TextDecoder().decode(raw).slice(0, 300)}`,
              ).toBeLessThan(500);
              if (response.status >= 400) {
                if (/json/.test(response.headers.get('content-type') ?? '')) {
                  const answer = JSON.parse(new TextDecoder().decode(raw)) as {
                    error?: { code?: unknown; message?: unknown; requestId?: unknown };
                  };
                  expect(answer.error, where).toMatchObject({
                    code: expect.any(String),
                    message: expect.any(String),
                    requestId: expect.any(String),
                  });
                }
                const was = state;
                state = await fingerprint();
                expect(state, `${where} wrote although refused`).toBe(was);
              } else {
                state = await fingerprint();
              }
            },
          ),
          { numRuns: RUNS_PER_OPERATION, seed: 20261206 + pathCount + method.length, endOnFailure: true },
        );
        await run.catch((error: unknown) => {
          const cause =
            error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
          failures.push(`${role} ${method} ${path}: ${cause.slice(0, 400)}`);
        });
      }
    }
    console.log(
      `OpenAPI fuzz: ${requests} requests over ${operations.length} operations × ${Object.keys(roles).length} roles; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(operations.length * Object.keys(roles).length);
  }, 900_000);
});
