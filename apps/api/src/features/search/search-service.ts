/** The search box's answer: the viewer's scope, the rows, each parsed into the contract's result. */
import { type SearchResult, searchOpen } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { searchRows } from './search-repository.js';
import { searchScopeOf } from './search-scope.js';

/** A JSON value as either driver hands it over (parsed, or as text). */
const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), schema);

const row = z.object({
  kind: z.enum(['asset', 'admin_unit', 'street', 'plan_item', 'key_site', 'permit', 'colocation_request']),
  id: z.string(),
  label: z.string().nullable(),
  sublabel: z.string().nullable(),
  lng: z.coerce.number(),
  lat: z.coerce.number(),
  bbox: json(z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable()),
  open: json(searchOpen),
});

/** What `principal` may find for `q`, best first, at most `limit`. */
export async function search(
  db: Sql,
  principal: Principal | undefined,
  q: string,
  limit: number,
): Promise<SearchResult[]> {
  const rows = await searchRows(db, searchScopeOf(principal), q, limit);
  return rows.map((raw) => {
    const r = row.parse(raw);
    return {
      kind: r.kind,
      id: r.id,
      label: r.label ?? r.id,
      sublabel: r.sublabel,
      point: [r.lng, r.lat],
      bbox: r.bbox,
      open: r.open,
    };
  });
}
