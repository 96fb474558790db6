/**
 * The city context: organisations (operators, tower companies, departments, communes), the 114
 * communes, wards and special zones (real boundaries and populations, read-only) and the 100 m
 * population grid.
 */
import { contextEndpoints as endpoints } from '@hatang/contracts';
import { notFound } from '../../errors.js';
import { sendCached } from '../../http/cached-body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { EVERYONE } from '../../policy/rules.js';
import { findAdminUnit, findOrganisation, listOrganisations, populationIn } from './context-repository.js';

export const contextRoutes = [
  defineRoute(
    endpoints.listOrganisations,
    { resource: 'organisations', action: 'read', rule: EVERYONE },
    async (c) =>
      reply(c, endpoints.listOrganisations, 200, { items: await listOrganisations(c.var.services.db) }),
  ),
  defineRoute(
    endpoints.getOrganisation,
    { resource: 'organisations', action: 'read', rule: EVERYONE },
    async (c, { params }) => {
      const found = await findOrganisation(c.var.services.db, params.id);
      if (!found) throw notFound(`Organisation ${params.id}`);
      return reply(c, endpoints.getOrganisation, 200, found);
    },
  ),
  defineRoute(
    endpoints.listAdminUnits,
    { resource: 'admin-units', action: 'read', rule: EVERYONE },
    async (c) => sendCached(c, await c.var.services.adminUnits.current()),
  ),
  defineRoute(
    endpoints.getAdminUnit,
    { resource: 'admin-units', action: 'read', rule: EVERYONE },
    async (c, { params }) => {
      const found = await findAdminUnit(c.var.services.db, params.code);
      if (!found) throw notFound(`Administrative unit ${params.code}`);
      return reply(c, endpoints.getAdminUnit, 200, found);
    },
  ),
  defineRoute(
    endpoints.populationSummary,
    { resource: 'population', action: 'read', rule: EVERYONE },
    async (c, { query }) =>
      reply(c, endpoints.populationSummary, 200, {
        bbox: query.bbox,
        ...(await populationIn(c.var.services.db, query.bbox)),
      }),
  ),
];
