/**
 * An HTTP endpoint declared once, shared by the API (which implements it: apps/api
 * http/define-route.ts adds its access policy and handler) and the web (which calls it, typed,
 * through lib/endpoint-client.ts): method, path, what it takes (path parameters, query, JSON
 * body) and what it answers per status, each as a zod schema. The OpenAPI document is made from
 * the same declaration.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointResponse {
  description: string;
  /** The JSON body; absent for an empty body (204) or a non-JSON one (see `contentType`). */
  schema?: z.ZodType;
  /** When the body is not JSON (a file, a tile); several when a query parameter picks the format. */
  contentType?: string | readonly string[];
}

export interface Endpoint {
  method: HttpMethod;
  /** The full path as Hono writes it: `/api/v1/organisations/:id`. */
  path: string;
  /** One line for people (English; the OpenAPI summary). */
  summary: string;
  /** The OpenAPI tag: the feature it belongs to. */
  tag: string;
  /** Path parameters. One that does not fit its schema answers 404, like an id that does not exist. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * A request body that is not JSON (a multipart file upload): the handler reads it itself, after
   * access is checked, with its own limits. Never together with `body`.
   */
  upload?: { contentType: string; description: string };
  /**
   * A JSON body the handler reads and checks itself — against the record's kind, or merged into
   * the stored record for a patch — reporting every problem at once: the name of the OpenAPI
   * component that describes it. Never together with `body` or `upload`.
   */
  checkedBody?: string;
  /**
   * The route changes a versioned record: `required` — the caller sends `If-Match: <version>`
   * (428 without it, checked before the body is read); `optional` — when sent, it must match.
   */
  ifMatch?: 'required' | 'optional';
  responses: Record<number, EndpointResponse>;
}

/** Declares an endpoint, keeping its literal types (for the typed handler and client). */
export const endpoint = <const E extends Endpoint>(declared: E): E => declared;

type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : undefined;
type SchemaInput<S> = S extends z.ZodType ? z.input<S> : undefined;

/** The body an endpoint answers with `status`. */
export type ResponseOf<E extends Endpoint, S extends keyof E['responses']> = E['responses'][S] extends {
  schema: infer T;
}
  ? SchemaOutput<T>
  : undefined;
/** The statuses an endpoint answers on success, as numbers. */
export type SuccessStatus<E extends Endpoint> = Extract<keyof E['responses'], 200 | 201 | 202 | 204>;
/** What a caller sends: path parameters, query and body, each as the schema takes it. */
export interface EndpointInput<E extends Endpoint> {
  params: SchemaInput<E['params']>;
  query: SchemaInput<E['query']>;
  body: SchemaInput<E['body']>;
}
/** What a handler receives: the same, parsed. */
export interface ParsedInput<E extends Endpoint> {
  params: SchemaOutput<E['params']>;
  query: SchemaOutput<E['query']>;
  body: SchemaOutput<E['body']>;
}

/** The endpoint's path with its parameters filled in (each URL-encoded). */
export function pathOf(declared: Endpoint, params: Record<string, string | number> = {}): string {
  return declared.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${declared.path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
