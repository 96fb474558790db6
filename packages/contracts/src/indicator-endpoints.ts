/**
 * Indicators against Plan 317's 2030 targets and the digital infrastructure index (DII, Decision
 * 885/QĐ-BTTTT): the register's report (and a plan version's by milestone), the DII criteria
 * catalogue (versioned), yearly values, the dashboard and the IOC's read-only feed. The queries
 * are checked by their handlers, which report problems under `query` (the schemas here document
 * them and let any query through).
 * legal: plan-317-2025-kh-ubnd; legal: decision-885-2023-qd-btttt
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import {
  diiCatalogue,
  diiCatalogueInput,
  diiCatalogueSummary,
  diiComputeInput,
  diiDashboard,
  diiFeed,
  diiValuesInput,
  diiValuesOfYear,
  indicatorReport,
  storedDiiValue,
} from './indicators.js';

const notFound = { description: 'Not found' };
const byId = z.object({ id: z.guid() });
const communeQuery = z.object({
  commune: z.string().optional().meta({ description: 'A 5-digit admin unit code; absent: city-wide' }),
});

export const indicatorEndpoints = {
  registerIndicators: endpoint({
    method: 'GET',
    path: '/api/v1/indicators',
    tag: 'indicators',
    summary: "The register's indicators against Plan 317's targets (city-wide or one commune)",
    query: communeQuery,
    responses: { 200: { description: 'The report', schema: indicatorReport }, 404: notFound },
  }),
  versionIndicators: endpoint({
    method: 'GET',
    path: '/api/v1/plan-versions/:id/indicators',
    tag: 'indicators',
    summary: "A plan version's indicators: target, register and planned by milestone",
    params: byId,
    query: communeQuery,
    responses: { 200: { description: 'The report', schema: indicatorReport }, 404: notFound },
  }),
  getDiiCriteria: endpoint({
    method: 'GET',
    path: '/api/v1/dii/criteria',
    tag: 'dii',
    summary: 'The DII criteria catalogue: the current version, or `version`',
    query: z.object({
      version: z.string().optional().meta({ description: 'A catalogue version (a whole number ≥ 1)' }),
    }),
    responses: { 200: { description: 'The catalogue', schema: diiCatalogue }, 404: notFound },
  }),
  createDiiCriteria: endpoint({
    method: 'POST',
    path: '/api/v1/dii/criteria',
    tag: 'dii',
    summary: 'A revision of the DII criteria: stored as the next version (older ones stay readable)',
    body: diiCatalogueInput,
    responses: { 201: { description: 'The new current catalogue', schema: diiCatalogue } },
  }),
  listDiiCatalogues: endpoint({
    method: 'GET',
    path: '/api/v1/dii/catalogues',
    tag: 'dii',
    summary: 'Every DII catalogue version, newest first, without its criteria',
    responses: {
      200: { description: 'The versions', schema: z.object({ items: z.array(diiCatalogueSummary) }) },
    },
  }),
  listDiiValues: endpoint({
    method: 'GET',
    path: '/api/v1/dii/values',
    tag: 'dii',
    summary: 'The stored DII values (of one `year`, or all by year)',
    query: z.object({ year: z.string().optional().meta({ description: 'A year, 2015–2100' }) }),
    responses: {
      200: { description: 'The values', schema: z.object({ items: z.array(storedDiiValue) }) },
    },
  }),
  saveDiiValues: endpoint({
    method: 'POST',
    path: '/api/v1/dii/values',
    tag: 'dii',
    summary: "A planner's values for one year (`value: null` removes one; unknown criteria are refused)",
    body: diiValuesInput,
    responses: { 200: { description: 'The values written', schema: diiValuesOfYear }, 404: notFound },
  }),
  computeDiiValues: endpoint({
    method: 'POST',
    path: '/api/v1/dii/values/compute',
    tag: 'dii',
    summary: 'Store, for `year`, the values Hatang derives from the register (criteria with computedFrom)',
    body: diiComputeInput,
    responses: { 201: { description: 'The values stored', schema: diiValuesOfYear }, 404: notFound },
  }),
  diiDashboard: endpoint({
    method: 'GET',
    path: '/api/v1/dii/dashboard',
    tag: 'dii',
    summary: 'The DII dashboard: every criterion by group with its values, trend and live value',
    responses: { 200: { description: 'The dashboard', schema: diiDashboard }, 404: notFound },
  }),
  diiFeed: endpoint({
    method: 'GET',
    path: '/api/v1/dii/feed',
    tag: 'dii',
    summary: "The IOC's read-only DII feed (for a machine client with a `read` API key)",
    responses: { 200: { description: 'The feed', schema: diiFeed }, 404: notFound },
  }),
};
