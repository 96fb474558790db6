/** The search box's call of `GET /api/v1/search` (packages/contracts search-endpoints.ts). */
import { type SearchResult, searchEndpoints } from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export const SEARCH_KEY = ['search'] as const;

/** What the signed-in user (or the public) may find for `q`, best first. */
export const searchRecords = async (q: string, signal?: AbortSignal): Promise<SearchResult[]> =>
  (await callEndpoint(searchEndpoints.search, { query: { q, limit: 20 } }, { signal })).results;
