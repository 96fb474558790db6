/**
 * The public page's endpoints: anonymous reads of the public tier, each answered from a cache
 * kept per data version (gzip, ETag; 304 with If-None-Match).
 */
import { endpoint } from './endpoint.js';
import { publicIndicators, publicPlan, publicTasks, publicUndergrounding } from './public.js';

const notModified = { description: 'Not modified (If-None-Match)' };

export const publicEndpoints = {
  plan: endpoint({
    method: 'GET',
    path: '/api/v1/public/plan',
    tag: 'public',
    summary: 'The approved plan version and its own items (public properties only), as GeoJSON',
    responses: { 200: { description: 'The approved plan', schema: publicPlan }, 304: notModified },
  }),
  indicators: endpoint({
    method: 'GET',
    path: '/api/v1/public/indicators',
    tag: 'public',
    summary: "Every commune's indicators against Plan 317's 2030 targets (aggregates only)",
    responses: { 200: { description: 'The indicators', schema: publicIndicators }, 304: notModified },
  }),
  undergrounding: endpoint({
    method: 'GET',
    path: '/api/v1/public/undergrounding',
    tag: 'public',
    summary: 'The overhead cable undergrounding campaign: km planned, in progress and done',
    responses: { 200: { description: 'The campaign', schema: publicUndergrounding }, 304: notModified },
  }),
  tasks: endpoint({
    method: 'GET',
    path: '/api/v1/public/tasks',
    tag: 'public',
    summary: "Plan 317's tasks by section: counts by status, mean progress, overdue",
    responses: { 200: { description: 'The task progress', schema: publicTasks }, 304: notModified },
  }),
} as const;
