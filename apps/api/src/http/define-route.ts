/**
 * A route declared once: its endpoint (packages/contracts: path, schemas, responses), who may call
 * it (policy) and its handler. The policy table, the OpenAPI document and the authorisation
 * matrix's route list are derived from these declarations; `mountRoutes` registers them, parsing
 * path parameters, query and JSON body with the endpoint's schemas before the handler runs.
 */
import {
  type Endpoint,
  type ParsedInput,
  type ResponseOf,
  type SuccessStatus,
  toIssues,
} from '@hatang/contracts';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.js';
import { ApiError, validationFailed } from '../errors.js';
import type { RoutePolicy } from '../policy/rules.js';
import { readIfMatch, readJsonBody } from './body.js';

export type RouteHandler<E extends Endpoint> = (
  c: Context<AppEnv>,
  input: ParsedInput<E>,
) => Response | Promise<Response>;

export interface RouteDefinition<E extends Endpoint = Endpoint> {
  endpoint: E;
  policy: RoutePolicy;
  // A method, so a route of one endpoint stands in a list of routes of any (mountRoutes hands
  // each handler the input its own endpoint parsed).
  handler(c: Context<AppEnv>, input: ParsedInput<E>): Response | Promise<Response>;
}

/** Declares a route: the endpoint it implements, who may call it, and what it does. */
export function defineRoute<E extends Endpoint>(
  endpoint: E,
  policy: Omit<RoutePolicy, 'body'>,
  handler: RouteHandler<E>,
): RouteDefinition<E> {
  return { endpoint, policy: { ...policy, ...(endpoint.body ? { body: endpoint.body } : {}) }, handler };
}

/** Answers `body` as JSON with `status`, checked against the endpoint's response type. */
export function reply<E extends Endpoint, S extends SuccessStatus<E> & ContentfulStatusCode>(
  c: Context<AppEnv>,
  _endpoint: E,
  status: S,
  body: ResponseOf<E, S>,
): Response {
  return c.newResponse(JSON.stringify(body), status, { 'Content-Type': 'application/json' });
}

async function parseInput<E extends Endpoint>(c: Context<AppEnv>, endpoint: E): Promise<ParsedInput<E>> {
  let params: unknown;
  if (endpoint.params) {
    const parsed = endpoint.params.safeParse(c.req.param());
    // A malformed id names nothing that exists: the same 404 as an id that does not.
    if (!parsed.success) throw new ApiError(404, 'NOT_FOUND', `Nothing at ${c.req.path}`);
    params = parsed.data;
  }
  // A versioned write without its version is refused before its body is read (the handler reads
  // the version itself, from the same header).
  if (endpoint.ifMatch === 'required' || (endpoint.ifMatch === 'optional' && c.req.header('if-match')))
    readIfMatch(c);
  let query: unknown;
  if (endpoint.query) {
    const parsed = endpoint.query.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    query = parsed.data;
  }
  let body: unknown;
  if (endpoint.body) {
    const parsed = endpoint.body.safeParse(await readJsonBody(c));
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    body = parsed.data;
  }
  return { params, query, body } as ParsedInput<E>;
}

/** Registers the routes on `app` (the root app: their paths are full). */
export function mountRoutes(app: Hono<AppEnv>, routes: readonly RouteDefinition[]): void {
  for (const route of routes) {
    app.on(route.endpoint.method, route.endpoint.path, async (c) =>
      route.handler(c, await parseInput(c, route.endpoint)),
    );
  }
}
