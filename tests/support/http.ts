import type { App } from '../../apps/api/src/app.js';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the real Hono app in-process (no port) and parses the JSON answer; `as` signs the request in. */
export async function call<T = Record<string, unknown>>(
  app: App,
  method: string,
  path: string,
  options: {
    json?: unknown;
    headers?: Record<string, string>;
    body?: string;
    as?: { headers: Record<string, string> };
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.as?.headers, ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await app.request(path, { method, headers, body });
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  const parsed = isJson ? ((await response.json()) as T) : (null as T);
  if (!isJson) await response.arrayBuffer(); // binary answers (tiles): only the status and headers matter
  return { status: response.status, headers: response.headers, body: parsed };
}

/** `call` bound to an app and, optionally, a signed-in session. */
export function client(app: App, session?: { headers: Record<string, string> }) {
  return <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { json?: unknown; headers?: Record<string, string>; body?: string } = {},
  ) => call<T>(app, method, path, { ...options, as: session });
}
