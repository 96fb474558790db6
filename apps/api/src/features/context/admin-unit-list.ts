/**
 * The list of administrative units as every map asks for it (1.9 MB of boundaries): built once per
 * data version and kept in memory gzipped, with an ETag (issue 15: 200 clients asking must not
 * stall the server, and it must recover at once when they stop). One build per version, shared by
 * every request that arrives while it runs.
 */
import type { Database } from '@hatang/db';
import { type CachedBody, cacheBody } from '../../http/cached-body.js';
import { adminUnitsVersion, listAdminUnits } from './context-repository.js';

export class AdminUnitList {
  #cached: { version: string; body: Promise<CachedBody> } | undefined;

  constructor(private readonly db: Database) {}

  async current(): Promise<CachedBody> {
    const version = `admin-units-${await adminUnitsVersion(this.db)}`;
    if (this.#cached?.version !== version) {
      const entry = { version, body: this.#build(version) };
      this.#cached = entry;
      entry.body.catch(() => {
        if (this.#cached === entry) this.#cached = undefined;
      });
    }
    return this.#cached.body;
  }

  async #build(version: string): Promise<CachedBody> {
    return cacheBody(version, {
      type: 'FeatureCollection',
      features: await listAdminUnits(this.db),
      next: null,
    });
  }
}
