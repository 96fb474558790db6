import type { z } from 'zod';
import { DECLARED_ROUTES } from '../features/declared-routes.js';
import type { RouteDefinition } from '../http/define-route.js';
import type { RoutePolicy, Subject } from '../policy/policy-table.js';
import { pathParameters, toOpenApiPath } from './openapi-paths.js';
import { components, type JsonSchema, jsonSchema, ref } from './openapi-schemas.js';

/** Routes outside the policy table (no /api/v1 authorisation): health and this documentation. */
export const PUBLIC_ROUTES: readonly { method: string; path: string; tag: string; summary: string }[] = [
  { method: 'GET', path: '/api/health', tag: 'meta', summary: 'Health of the API and its database' },
  { method: 'GET', path: '/api/openapi.json', tag: 'meta', summary: 'This OpenAPI 3.1 document' },
  { method: 'GET', path: '/api/docs', tag: 'meta', summary: 'Browsable API documentation (Swagger UI)' },
  { method: 'GET', path: '/api/docs/:file', tag: 'meta', summary: 'Files of the documentation page' },
];

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('ErrorResponse') } },
});
const json = (schema: JsonSchema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

function whoMay(policy: RoutePolicy): string {
  const entries = Object.entries(policy.rule).filter(([, scope]) => scope) as [Subject, string][];
  return entries
    .map(([subject, scope]) => (scope === 'own' ? `${subject} (own records)` : subject))
    .join(', ');
}

/** The If-Match header of a versioned write, as its endpoint declares it. */
const ifMatchHeader = (required: boolean) => ({
  name: 'If-Match',
  in: 'header',
  required,
  schema: { type: 'string' },
  description: required
    ? 'The version being changed (its ETag); a stale one gets 409, none 428'
    : 'The version being changed (its ETag), when sent; a stale one gets 409',
});

const parametersIn = (where: 'path' | 'query', shape: Record<string, z.ZodType> = {}) =>
  Object.entries(shape).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || !schema.safeParse(undefined).success,
    schema: jsonSchema(schema),
  }));

/** A route declared once: everything from its endpoint (schemas included) and its policy. */
function declaredOperation({ endpoint, policy }: RouteDefinition): JsonSchema {
  // A body its handler checks, named among the components (Features by kind, their patches).
  const named = endpoint.checkedBody;
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(endpoint.responses)) {
    responses[status] = response.schema
      ? json(jsonSchema(response.schema, 'output'), response.description)
      : response.contentType
        ? {
            description: response.description,
            content: Object.fromEntries([response.contentType].flat().map((type) => [type, {}])),
          }
        : { description: response.description };
  }
  return {
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: `Allowed for: ${whoMay(policy) || 'nobody'}.`,
    parameters: [
      ...parametersIn('path', endpoint.params?.shape),
      ...parametersIn('query', endpoint.query?.shape),
      ...(endpoint.ifMatch ? [ifMatchHeader(endpoint.ifMatch === 'required')] : []),
    ],
    ...(named
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(named) } } } }
      : endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(endpoint.body) } },
            },
          }
        : endpoint.upload
          ? {
              requestBody: {
                required: true,
                description: endpoint.upload.description,
                content: { [endpoint.upload.contentType]: {} },
              },
            }
          : {}),
    security: policy.rule.anonymous
      ? [{}, { cookieAuth: [] }, { bearerAuth: [] }]
      : [{ cookieAuth: [] }, { bearerAuth: [] }],
    responses: {
      ...responses,
      ...(endpoint.query || endpoint.body || named
        ? { '400': error('Invalid request: every problem with its path') }
        : {}),
      ...(policy.rule.anonymous ? {} : { '401': error('Not signed in') }),
      '403': error('Not allowed'),
      ...(endpoint.params ? { '404': error('Not found') } : {}),
      ...(endpoint.ifMatch && !responses['409']
        ? { '409': error('Stale version: the current record in `current`') }
        : {}),
      ...(endpoint.ifMatch === 'required' ? { '428': error('If-Match missing') } : {}),
    },
  };
}

function publicOperation(route: (typeof PUBLIC_ROUTES)[number]): JsonSchema {
  let ok: JsonSchema = json(ref('AnyObject'));
  if (route.path === '/api/docs' || route.path === '/api/docs/:file')
    ok = { description: 'HTML, scripts and styles', content: { 'text/html': {} } };
  return {
    tags: [route.tag],
    summary: route.summary,
    parameters: [],
    security: [{}, { cookieAuth: [] }, { bearerAuth: [] }],
    responses: {
      '200': ok,
      '400': error('Invalid request'),
      '404': error('Not found'),
    },
  };
}

/**
 * The OpenAPI 3.1 document of every route: each route declared once (its endpoint's schemas and
 * If-Match, who its policy lets call it) plus health and these docs; schemas generated from the
 * zod contracts.
 */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const add = (method: string, honoPath: string, operation: JsonSchema) => {
    const path = toOpenApiPath(honoPath);
    const declared = new Set(
      ((operation.parameters as JsonSchema[]) ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    );
    const parameters = [
      ...pathParameters(path)
        .filter((name) => !declared.has(name))
        .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...((operation.parameters as JsonSchema[]) ?? []),
    ];
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch?: string) => (ch ? ch.toUpperCase() : ''))}`,
      ...operation,
      parameters,
    };
  };
  for (const route of DECLARED_ROUTES)
    add(route.endpoint.method, route.endpoint.path, declaredOperation(route));
  for (const route of PUBLIC_ROUTES) add(route.method, route.path, publicOperation(route));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hatang API',
      version: '0.1.0',
      description:
        'Passive telecom infrastructure of Hai Phong: REST under /api/v1 (GeoJSON, [lng, lat] WGS 84, metres), vector tiles under /tiles, OGC API – Features under /ogc. Errors: `{ error: { code, message, details, requestId } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: 'hatang_session',
          description: 'From POST /api/v1/auth/login; writes also need X-CSRF-Token',
        },
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key hk_… from POST /api/v1/api-keys',
        },
      },
    },
  };
}
