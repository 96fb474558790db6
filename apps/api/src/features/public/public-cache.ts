/**
 * One public answer kept in memory per data version (issue 15's lesson for the admin units: 200
 * anonymous readers must not recompute it). `key` is a cheap fingerprint of what the answer
 * depends on; while it is unchanged every request gets the stored bytes (gzipped once, 304 with
 * the ETag), and requests that arrive while it is built share one build. The answer is checked
 * against its declared response schema before it is stored, so a build that would leak a field
 * the contract does not declare (the schemas are strict) fails instead of being served.
 * The ETag hashes the JSON itself: an answer rebuilt to the same content keeps its tag.
 * With `serveStale`, an answer whose key changed is served as it was until the new one is built
 * (a rebuild that takes the worker seconds does not hold every reader meanwhile).
 */
import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import { type CachedBody, cacheBody } from '../../http/cached-body.js';

interface Entry {
  key: string;
  body: Promise<CachedBody>;
  built?: CachedBody;
}

export class PublicAnswer<T> {
  #cached: Entry | undefined;
  /** The last answer built, whatever its key. */
  #last: CachedBody | undefined;

  constructor(
    private readonly name: string,
    private readonly schema: ZodType<T>,
    private readonly build: () => Promise<T>,
    private readonly serveStale = false,
  ) {}

  /** The answer at `key`: the stored one, or a new build shared by everyone asking meanwhile. */
  async current(key: string): Promise<CachedBody> {
    if (this.#cached?.key !== key) {
      const entry: Entry = { key, body: this.#build() };
      this.#cached = entry;
      entry.body.then(
        (built) => {
          entry.built = built;
          this.#last = built;
        },
        // A failed build is forgotten: the next request tries again.
        () => {
          if (this.#cached === entry) this.#cached = undefined;
        },
      );
    }
    const entry = this.#cached;
    if (entry.built) return entry.built;
    if (this.serveStale && this.#last) return this.#last;
    return entry.body;
  }

  async #build(): Promise<CachedBody> {
    const value = this.schema.parse(await this.build());
    const hash = createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
    return cacheBody(`${this.name}-${hash}`, value);
  }
}
