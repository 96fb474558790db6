/** `GET /api/v1/search`: the one search box (search.ts). */
import { endpoint } from './endpoint.js';
import { searchQuery, searchResponse } from './search.js';

export const searchEndpoints = {
  search: endpoint({
    method: 'GET',
    path: '/api/v1/search',
    tag: 'search',
    summary:
      'Find assets (by code or name), communes, streets, plan items, key sites, permit applications and co-location requests — only what the caller may see',
    query: searchQuery,
    responses: {
      200: { description: 'The results, best first within each kind', schema: searchResponse },
    },
  }),
};
