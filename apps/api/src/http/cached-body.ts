/**
 * An unchanging answer served from memory: its JSON, gzipped once, and an ETag from the data
 * version it was built at. A client with the ETag gets 304; others get the stored bytes, gzipped
 * when they accept it (the compress middleware leaves a body with Content-Encoding alone).
 */
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

export interface CachedBody {
  version: string;
  etag: string;
  json: string;
  gzip: Uint8Array<ArrayBuffer>;
}

export function cacheBody(version: string, value: unknown): CachedBody {
  const json = JSON.stringify(value);
  const etag = `"${version.replace(/[^A-Za-z0-9:._-]/g, '')}"`;
  return { version, etag, json, gzip: new Uint8Array(gzipSync(json)) };
}

export function sendCached(c: Context, body: CachedBody, cacheControl = 'public, max-age=60'): Response {
  c.header('ETag', body.etag);
  c.header('Cache-Control', cacheControl);
  c.header('Vary', 'Accept-Encoding');
  const seen = c.req.header('If-None-Match');
  if (seen?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === body.etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=UTF-8');
  if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
    c.header('Content-Encoding', 'gzip');
    return c.body(body.gzip);
  }
  return c.body(body.json);
}
