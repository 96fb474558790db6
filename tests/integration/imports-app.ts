/**
 * Helpers for the import and export tests: the real app (cheap test passwords, a chosen upload
 * limit), uploading a file as multipart and waiting for its parse to end.
 */
import type { Database } from '@hatang/db';
import { createApp } from '../../apps/api/src/app.js';
import type { ImportRouteOptions } from '../../apps/api/src/features/imports/import-jobs.js';
import { TEST_SCRYPT_N } from '../support/sessions.js';

export function importsTestApp(db: Database, options: ImportRouteOptions = {}) {
  return createApp({ db, auth: { scryptN: TEST_SCRYPT_N }, imports: options });
}

export type ImportsApp = ReturnType<typeof importsTestApp>;

export interface ImportView {
  id: string;
  status: 'parsing' | 'ready' | 'failed' | 'committed';
  format: string;
  error: { code: string; message: string } | null;
  fields: string[];
  parts: { name: string; rows: number; geometry: 'point' | 'line' | 'mixed' | null; chosen: boolean }[];
  mapping: Record<string, unknown>;
  crs: string | null;
  detectedCrs: string | null;
  rowsParsed: number;
  rowsInvalid: number;
  issueCount: number;
  issues: { row: number; field: string; message: string }[];
  preview: {
    row: number;
    geometry: { type: string; coordinates: unknown };
    source: Record<string, unknown>;
    properties: Record<string, unknown> | null;
  }[];
  result: { created: number; updated: number; skipped: number; invalidSkipped: number } | null;
  progress: { fraction: number };
}

/** Uploads `content` as multipart (file + resource + optional crs) and waits until parsing ends. */
export async function upload(
  app: ImportsApp,
  session: { headers: Record<string, string> },
  file: { name: string; content: string | Uint8Array },
  resource: string,
  crs?: string,
  /** More form fields, e.g. the CSV's coordinate columns `xField`, `yField`. */
  extra: Record<string, string> = {},
): Promise<{ status: number; body: ImportView & { error: { code: string; message: string } } }> {
  const form = new FormData();
  const content = typeof file.content === 'string' ? file.content : file.content.slice();
  form.set('file', new File([content], file.name));
  form.set('resource', resource);
  if (crs) form.set('crs', crs);
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  const response = await app.request('/api/v1/imports', {
    method: 'POST',
    headers: session.headers,
    body: form,
  });
  const body = (await response.json()) as ImportView & { error: { code: string; message: string } };
  if (response.status !== 202) return { status: response.status, body };
  return { status: 202, body: await waitForImport(app, session, body.id) };
}

export async function waitForImport(
  app: ImportsApp,
  session: { headers: Record<string, string> },
  id: string,
) {
  for (;;) {
    const response = await app.request(`/api/v1/imports/${id}`, { headers: session.headers });
    const view = (await response.json()) as ImportView & { error: { code: string; message: string } };
    if (view.status !== 'parsing') return view;
    await new Promise((r) => setTimeout(r, 20));
  }
}
