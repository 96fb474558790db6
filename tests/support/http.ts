import type { App } from '../../apps/api/src/app.js';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the real Hono app in-process (no port) and parses the JSON answer. */
export async function call<T = Record<string, unknown>>(
  app: App,
  method: string,
  path: string,
  options: { json?: unknown; headers?: Record<string, string>; body?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}
