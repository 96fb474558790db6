/**
 * The one search box (issue #18 item 2): what it asks and what it answers. Each result says where
 * it is (a point `[lng, lat]`, and a bbox for what is not a point) and what the web needs to open
 * it (`open`). Coordinates typed in the box are parsed in the browser (@hatang/geo/coordinates),
 * not here.
 */
import { z } from 'zod';
import type { AssetPath } from './assets.js';
import { colocationAssetKind, colocationStatus } from './colocation.js';
import { uuid } from './common.js';
import { permitKind, permitStatus } from './permits.js';
import { planItemKind, planVersionKind } from './plans.js';
import { keySiteCategory } from './sites.js';

/** Longest query text, characters; the longest page of results. */
export const SEARCH_MAX_QUERY = 200;
export const SEARCH_MAX_LIMIT = 50;

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(SEARCH_MAX_QUERY, `must be at most ${SEARCH_MAX_QUERY} characters`)
    .meta({ description: 'Text to find: a code, a name, a number; diacritics optional ("le chan")' }),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(SEARCH_MAX_LIMIT)
    .default(20)
    .meta({ description: `Most results in all, at most ${SEARCH_MAX_LIMIT}` }),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** Every asset kind's URL segment (the check below fails to compile when a kind is missing). */
const assetPathEnum = z.enum([
  'towers',
  'poles',
  'manholes',
  'ducts',
  'trenches-tunnels',
  'cable-routes',
  'landing-stations',
  'submarine-cables',
  'wifi-points',
  'civil-works',
  'data-centres',
  'street-devices',
  'in-building-systems',
]);
const everyKind: Exclude<AssetPath, z.infer<typeof assetPathEnum>> extends never ? true : never = true;
void everyKind;

/** How the web opens a result: each kind with the ids its panel needs. */
export const searchOpen = z.discriminatedUnion('kind', [
  /** An asset: its kind (URL segment) and id, the asset panel opens. */
  z.object({ kind: z.literal('asset'), resource: assetPathEnum, id: uuid }),
  z.object({
    kind: z.literal('admin_unit'),
    code: z.string(),
    unitType: z.enum(['ward', 'commune', 'special_zone']),
  }),
  /** A street by name: its segments of one commune (`id` is the first). */
  z.object({ kind: z.literal('street'), id: uuid, segments: z.number().int().min(1) }),
  z.object({
    kind: z.literal('plan_item'),
    id: uuid,
    planVersionId: uuid,
    versionKind: planVersionKind,
    itemKind: planItemKind,
  }),
  z.object({ kind: z.literal('key_site'), id: uuid, category: keySiteCategory }),
  z.object({ kind: z.literal('permit'), id: uuid, permitKind, status: permitStatus }),
  z.object({
    kind: z.literal('colocation_request'),
    id: uuid,
    assetKind: colocationAssetKind,
    status: colocationStatus,
  }),
]);
export type SearchOpen = z.infer<typeof searchOpen>;
export type SearchKind = SearchOpen['kind'];
/** The kinds in the order the results list groups them. */
export const SEARCH_KINDS = [
  'asset',
  'admin_unit',
  'street',
  'plan_item',
  'key_site',
  'permit',
  'colocation_request',
] as const satisfies readonly SearchKind[];

/** `[lng, lat]`, WGS 84 degrees. */
const position = z.tuple([z.number(), z.number()]);

export const searchResult = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  /** What was found, as stored: a code, a name, a decision number (proper nouns, no translation). */
  label: z.string(),
  /** A second line, as stored (the commune, the asset's name, the plan version), or null. */
  sublabel: z.string().nullable(),
  /** A point on the record (on its surface for lines and areas), `[lng, lat]`. */
  point: position,
  /** `[minLng, minLat, maxLng, maxLat]` of a line or an area; null for a point. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  open: searchOpen,
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchResponse = z.object({
  /** The query as searched (trimmed). */
  q: z.string(),
  results: z.array(searchResult),
});
export type SearchResponse = z.infer<typeof searchResponse>;

/** The kinds' names, for the results list's groups. */
export const SEARCH_KIND_LABELS: Record<SearchKind, { vi: string; en: string }> = {
  asset: { vi: 'Hạ tầng', en: 'Assets' },
  admin_unit: { vi: 'Xã, phường, đặc khu', en: 'Communes and wards' },
  street: { vi: 'Đường phố', en: 'Streets' },
  plan_item: { vi: 'Hạng mục quy hoạch', en: 'Plan items' },
  key_site: { vi: 'Địa điểm trọng điểm', en: 'Key sites' },
  permit: { vi: 'Hồ sơ cấp phép', en: 'Permit applications' },
  colocation_request: { vi: 'Yêu cầu dùng chung', en: 'Co-location requests' },
};
