/**
 * The OpenAPI 3.1 document covers every route the app answers, validates against the OpenAPI 3.1
 * schema, and the docs page is served from node_modules (nothing from a CDN).
 */
import { assetResources, planItemKind, planZoneKind } from '@hatang/contracts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { DECLARED_ROUTES } from '../../apps/api/src/features/declared-routes.js';
import { toOpenApiPath } from '../../apps/api/src/openapi/openapi-paths.js';
import { ROUTE_POLICIES } from '../../apps/api/src/policy/policy-table.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
let app: App;
let doc: Doc;
let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const response = await call<Doc>(app, 'GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  doc = response.body;
});

describe('OpenAPI document', () => {
  it('describes every route of the app', () => {
    const routes = app.routes.filter((r) => r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(80);
    const missing = routes
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`)
      .filter((key) => {
        const [method, path] = key.split(' ') as [string, string];
        return !doc.paths[path]?.[method.toLowerCase()];
      });
    expect(missing).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document with responses on every operation', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(
      structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations))
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    }
  });

  it('takes asset schemas from the zod contracts', () => {
    const post = doc.paths['/api/v1/towers']?.post as unknown as { requestBody: unknown };
    expect(JSON.stringify(post.requestBody)).toContain('#/components/schemas/TowersFeature');
    const schemas = (
      doc as unknown as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } }
    ).components.schemas;
    expect(schemas.TowersProperties?.properties.towerClass).toEqual({
      type: 'string',
      enum: ['A1', 'A2a', 'A2b', 'A2c'],
    });
  });

  it('serves the docs page and its scripts from this server', async () => {
    const page = await app.request('/api/docs');
    const html = await page.text();
    expect(page.status).toBe(200);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.every((s) => s.startsWith('/api/docs/'))).toBe(true);
    for (const source of sources) {
      const file = await app.request(source);
      expect(file.status, source).toBe(200);
      expect((await file.arrayBuffer()).byteLength, source).toBeGreaterThan(100);
    }
    expect((await app.request('/api/docs/package.json')).status).toBe(404);
  });
});

type Operation = {
  parameters: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, unknown>;
};
type Schemas = Record<string, { properties?: Record<string, { enum?: unknown[] }>; required?: string[] }>;

/** Far from the demo data (Gulf of Guinea), like tests/support/fixtures.ts's `farAway`. */
const square = (x: number, y: number, d = 0.002) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y],
    ],
  ],
});

describe('plan request schemas', () => {
  const operation = (key: string) => {
    const [method, path] = key.split(' ') as [string, string];
    return doc.paths[toOpenApiPath(path)]?.[method.toLowerCase()] as unknown as Operation | undefined;
  };
  const schemas = () => (doc as unknown as { components: { schemas: Schemas } }).components.schemas;

  it('name the schema of every body a handler checks itself, If-Match where the route reads it, 201 on creations', () => {
    const checked = DECLARED_ROUTES.flatMap(({ endpoint }) =>
      endpoint.checkedBody ? [[`${endpoint.method} ${endpoint.path}`, endpoint.checkedBody] as const] : [],
    );
    // The plan items' and zones' Features and patches, and each asset kind's (a POST and a PATCH each).
    expect(checked.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/plan-versions/:id/items',
        'PATCH /api/v1/plan-items/:id',
        'POST /api/v1/plan-zones',
        'PATCH /api/v1/plan-zones/:id',
        'POST /api/v1/trenches-tunnels',
        'PATCH /api/v1/trenches-tunnels/:id',
        'POST /api/v1/street-devices',
        'PATCH /api/v1/in-building-systems/:id',
      ]),
    );
    expect(checked.length).toBe(4 + 2 * assetResources.length);
    for (const [key, name] of checked) {
      const op = operation(key);
      expect(op?.requestBody?.content['application/json'].schema, key).toEqual({
        $ref: `#/components/schemas/${name}`,
      });
      expect(schemas()[name], name).toBeDefined();
      if (key.startsWith('POST') && !key.endsWith('/approve'))
        expect(Object.keys(op?.responses ?? {}), key).toContain('201');
    }
    for (const key of [
      'PATCH /api/v1/plan-versions/:id',
      'POST /api/v1/plan-versions/:id/approve',
      'PATCH /api/v1/plan-items/:id',
      'PATCH /api/v1/plan-zones/:id',
      'PATCH /api/v1/towers/:id',
    ]) {
      const op = operation(key);
      expect(
        op?.parameters.some((p) => p.in === 'header' && p.name === 'If-Match' && p.required),
        key,
      ).toBe(true);
      expect(Object.keys(op?.responses ?? {}), key).toEqual(expect.arrayContaining(['409', '428']));
    }
    const remove = operation('DELETE /api/v1/plan-items/:id');
    expect(remove?.parameters.find((p) => p.name === 'If-Match')?.required).toBe(false);
  });

  it('are generated from the plan contracts: kinds, geometry per kind, attributes per kind', () => {
    const all = schemas();
    expect(all.PlanItemProperties?.properties?.kind?.enum).toEqual(planItemKind.options);
    expect(all.PlanZoneProperties?.properties?.kind?.enum).toEqual(planZoneKind.options);
    expect(all.PlanItemAttributesTowerArea?.required?.sort()).toEqual(['maxHeightM', 'towerClass']);
    expect(JSON.stringify(all.PlanItemTowerAreaFeature)).toContain(
      '#/components/schemas/PlanPolygonGeometry',
    );
    expect(JSON.stringify(all.PlanItemTowerSiteFeature)).toContain('#/components/schemas/PlanPointGeometry');
    expect(all.PlanCreateRequest?.required).toEqual(['name']);
  });

  describe('accept what the API accepts and refuse what it refuses', () => {
    let planner: Session;
    let validate: (name: string, body: unknown) => boolean;
    let draftId: string;

    beforeAll(async () => {
      planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
      ajv.addSchema({
        $id: 'https://hatang.test/openapi.json',
        components: { schemas: structuredClone(schemas()) },
      });
      validate = (name, body) =>
        ajv.validate(
          { $ref: `https://hatang.test/openapi.json#/components/schemas/${name}` },
          body,
        ) as boolean;
      const plan = await call<{ id: string }>(app, 'POST', '/api/v1/plans', {
        as: planner,
        json: { name: 'OpenAPI schema check' },
      });
      const base = await call<{ id: string }>(app, 'POST', `/api/v1/plans/${plan.body.id}/baseline`, {
        as: planner,
        json: { name: 'Baseline' },
      });
      const draft = await call<{ id: string }>(app, 'POST', `/api/v1/plan-versions/${base.body.id}/fork`, {
        as: planner,
        json: { name: 'Draft' },
      });
      expect(draft.status).toBe(201);
      draftId = draft.body.id;
    });

    /** Sends `body` and checks it against `name`: both say yes or both say no. */
    async function agree(name: string, method: string, path: string, body: unknown, headers = {}) {
      const response = await call(app, method, path, { as: planner, json: body, headers });
      const valid = validate(name, body);
      expect({ status: response.status < 300, schema: valid }, `${name} ${JSON.stringify(body)}`).toEqual({
        status: valid,
        schema: response.status < 300,
      });
      return { ok: valid && response.status < 300, body: response.body as { id?: string } };
    }

    it('plans and versions', async () => {
      expect(
        (await agree('PlanCreateRequest', 'POST', '/api/v1/plans', { name: 'Plan', horizonYear: 2030 })).ok,
      ).toBe(true);
      expect(
        (await agree('PlanCreateRequest', 'POST', '/api/v1/plans', { name: 'Plan', horizonYear: 1999 })).ok,
      ).toBe(false);
      expect(
        (await agree('PlanCreateRequest', 'POST', '/api/v1/plans', { name: 'Plan', colour: 'red' })).ok,
      ).toBe(false);
      const patch = `/api/v1/plan-versions/${draftId}`;
      expect(
        (await agree('PlanVersionPatchRequest', 'PATCH', patch, { notes: 'ghi chú' }, { 'if-match': '1' }))
          .ok,
      ).toBe(true);
      expect(
        (await agree('PlanVersionPatchRequest', 'PATCH', patch, { kind: 'approved' }, { 'if-match': '2' }))
          .ok,
      ).toBe(false);
    });

    it('items: the geometry and the attributes follow the kind', async () => {
      const items = `/api/v1/plan-versions/${draftId}/items`;
      const area = {
        type: 'Feature',
        geometry: square(0.73, 0.73),
        properties: {
          kind: 'tower_area',
          phase: '2026-2027',
          attributes: { towerClass: 'A1', maxHeightM: 30 },
        },
      };
      const created = await agree('PlanItemFeature', 'POST', items, area);
      expect(created.ok).toBe(true);
      const site = { type: 'Feature', geometry: square(0.74, 0.74), properties: { kind: 'tower_site' } };
      expect((await agree('PlanItemFeature', 'POST', items, site)).ok).toBe(false);
      const noHeight = { ...area, properties: { kind: 'tower_area', attributes: { towerClass: 'A1' } } };
      expect((await agree('PlanItemFeature', 'POST', items, noHeight)).ok).toBe(false);

      const item = `/api/v1/plan-items/${created.body.id}`;
      expect(
        (
          await agree(
            'PlanItemPatchRequest',
            'PATCH',
            item,
            { properties: { name: 'Khu A' } },
            { 'if-match': '1' },
          )
        ).ok,
      ).toBe(true);
      expect(
        (
          await agree(
            'PlanItemPatchRequest',
            'PATCH',
            item,
            { properties: { phase: '2099' } },
            { 'if-match': '2' },
          )
        ).ok,
      ).toBe(false);
    });

    it('zones', async () => {
      const zone = {
        type: 'Feature',
        geometry: square(0.75, 0.75),
        properties: { kind: 'restricted', name: 'Vùng cấm' },
      };
      const created = await agree('PlanZoneFeature', 'POST', '/api/v1/plan-zones', zone);
      expect(created.ok).toBe(true);
      const bad = { ...zone, properties: { kind: 'forbidden', name: 'X' } };
      expect((await agree('PlanZoneFeature', 'POST', '/api/v1/plan-zones', bad)).ok).toBe(false);
      const path = `/api/v1/plan-zones/${created.body.id}`;
      expect(
        (
          await agree(
            'PlanZonePatchRequest',
            'PATCH',
            path,
            { properties: { name: 'Vùng cấm 2' } },
            { 'if-match': '1' },
          )
        ).ok,
      ).toBe(true);
      expect(
        (
          await agree(
            'PlanZonePatchRequest',
            'PATCH',
            path,
            { geometry: { type: 'Point', coordinates: [0.75, 0.75] } },
            { 'if-match': '2' },
          )
        ).ok,
      ).toBe(false);
    });
  });
});

describe('request bodies named in the policy table', () => {
  type InlineBody = {
    requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  };
  const inline = (key: string) => {
    const [method, path] = key.split(' ') as [string, string];
    const op = doc.paths[toOpenApiPath(path)]?.[method.toLowerCase()] as unknown as InlineBody | undefined;
    return op?.requestBody?.content['application/json'].schema;
  };
  const withBodies = [...ROUTE_POLICIES].filter(([, policy]) => policy.body);

  it('are in the document, each a JSON Schema that compiles', () => {
    // Violations, permits and co-location name theirs; more may follow.
    expect(withBodies.length).toBeGreaterThanOrEqual(19);
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    for (const [key] of withBodies) {
      const schema = inline(key);
      expect(schema, key).toBeDefined();
      expect(() => ajv.compile(structuredClone(schema ?? {})), key).not.toThrow();
    }
  });

  it('accept what the contracts accept and refuse an unknown field', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const check = (key: string, body: unknown) => ajv.validate(structuredClone(inline(key) ?? {}), body);
    const reject = { reasonCode: 'no_capacity', text: 'Không còn chỗ trên cột' };
    expect(
      ROUTE_POLICIES.get('POST /api/v1/colocation-requests/:id/reject')?.body?.safeParse(reject).success,
    ).toBe(true);
    expect(check('POST /api/v1/colocation-requests/:id/reject', reject)).toBe(true);
    expect(check('POST /api/v1/colocation-requests/:id/reject', { ...reject, rent: 1 })).toBe(false);
    expect(check('POST /api/v1/permit-applications/:id/comments', { text: 'Bổ sung bản vẽ' })).toBe(true);
    expect(check('POST /api/v1/permit-applications/:id/comments', {})).toBe(false);
    expect(check('POST /api/v1/violations/:id/notify', { note: 'Đã gửi văn bản' })).toBe(true);
    expect(check('POST /api/v1/violations/:id/notify', { note: 'x', extra: true })).toBe(false);
  });
});
