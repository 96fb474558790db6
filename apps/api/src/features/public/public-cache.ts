/**
 * One public answer kept in memory per data version (issue 15's lesson for the admin units: 200
 * anonymous readers must not recompute it). `key` is a cheap fingerprint of what the answer
 * depends on; while it is unchanged every request gets the stored bytes (gzipped once, 304 with
 * the ETag), and requests that arrive while it is built share one build. The answer is checked
 * against its declared response schema before it is stored, so a build that would leak a field
 * the contract does not declare (the schemas are strict) fails instead of being served.
 * The ETag hashes the JSON itself: an answer rebuilt to the same content keeps its tag.
 */
import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import { type CachedBody, cacheBody } from '../../http/cached-body.js';

export class PublicAnswer<T> {
  #cached: { key: string; body: Promise<CachedBody> } | undefined;

  constructor(
    private readonly name: string,
    private readonly schema: ZodType<T>,
    private readonly build: () => Promise<T>,
  ) {}

  /** The answer at `key`: the stored one, or a new build shared by everyone asking meanwhile. */
  async current(key: string): Promise<CachedBody> {
    if (this.#cached?.key !== key) {
      const entry = { key, body: this.#build() };
      this.#cached = entry;
      // A failed build is forgotten: the next request tries again.
      entry.body.catch(() => {
        if (this.#cached === entry) this.#cached = undefined;
      });
    }
    return this.#cached.body;
  }

  async #build(): Promise<CachedBody> {
    const value = this.schema.parse(await this.build());
    const hash = createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
    return cacheBody(`${this.name}-${hash}`, value);
  }
}
