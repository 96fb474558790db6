/** The city context's endpoints: organisations, administrative units, the population grid. */
import { z } from 'zod';
import { adminUnitCollection, adminUnitDetail, organisation, populationSummary } from './context.js';
import { endpoint } from './endpoint.js';
import { bboxParam } from './query.js';

const notFound = { description: 'Not found' };

export const contextEndpoints = {
  listOrganisations: endpoint({
    method: 'GET',
    path: '/api/v1/organisations',
    tag: 'organisations',
    summary: 'Every organisation (operators, tower companies, departments, communes)',
    responses: {
      200: { description: 'The organisations by code', schema: z.object({ items: z.array(organisation) }) },
    },
  }),
  getOrganisation: endpoint({
    method: 'GET',
    path: '/api/v1/organisations/:id',
    tag: 'organisations',
    summary: 'One organisation',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'The organisation', schema: organisation }, 404: notFound },
  }),
  listAdminUnits: endpoint({
    method: 'GET',
    path: '/api/v1/admin-units',
    tag: 'admin-units',
    summary: 'The 114 communes, wards and special zones with their boundaries (gzip, ETag)',
    responses: {
      200: { description: 'Every unit as a GeoJSON feature', schema: adminUnitCollection },
      304: { description: 'Not modified (If-None-Match)' },
    },
  }),
  getAdminUnit: endpoint({
    method: 'GET',
    path: '/api/v1/admin-units/:code',
    tag: 'admin-units',
    summary: 'One administrative unit, with the population of its grid cells',
    params: z.object({ code: z.string().regex(/^\d{5}$/, 'must be a 5-digit code') }),
    responses: { 200: { description: 'The unit', schema: adminUnitDetail }, 404: notFound },
  }),
  populationSummary: endpoint({
    method: 'GET',
    path: '/api/v1/population/summary',
    tag: 'population',
    summary: 'People and 100 m grid cells whose centre lies in a bbox',
    query: z.object({ bbox: bboxParam }),
    responses: { 200: { description: 'The totals', schema: populationSummary } },
  }),
} as const;
