/**
 * The OpenAPI 3.1 document covers every route the app answers, validates against the OpenAPI 3.1
 * schema, and the docs page is served from node_modules (nothing from a CDN).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { toOpenApiPath } from '../../apps/api/src/openapi/openapi-paths.js';

import { call } from '../support/http.js';
import { testDatabase } from '../support/test-database.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
let app: App;
let doc: Doc;

beforeAll(async () => {
  app = createApp({ db: await testDatabase() });
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
