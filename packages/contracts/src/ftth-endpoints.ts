/**
 * Routes of fibre to the home (issue #17, item 2): operators upload and read their own figures;
 * the city's staff read every operator's and the per-commune summary beside Hatang's proxy.
 * One operator's figures are never shown to another operator or to the public.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import {
  ftthReport,
  ftthReportQuery,
  ftthSummary,
  ftthSummaryQuery,
  ftthUpload,
  ftthUploadResult,
} from './ftth.js';

const forbidden = { description: "Another operator's figures, or not the city's staff" };

export const ftthEndpoints = {
  uploadReports: endpoint({
    method: 'POST',
    path: '/api/v1/ftth-reports',
    tag: 'ftth',
    summary:
      "Upload an operator's FTTH figures per commune (JSON rows or CSV text): all rows or none, every bad row reported",
    body: ftthUpload,
    responses: {
      201: { description: 'The rows stored', schema: ftthUploadResult },
      400: { description: 'Rows rejected: `details` lists each (path `row`, n, field)' },
      403: forbidden,
      413: { description: 'The request body is larger than the JSON body limit' },
      422: { description: "Reading the CSV ran past the parse worker's time or memory limit" },
      503: { description: 'Every parse worker is busy (Retry-After)' },
    },
  }),
  listReports: endpoint({
    method: 'GET',
    path: '/api/v1/ftth-reports',
    tag: 'ftth',
    summary: "FTTH rows: an operator's own; the city's staff every operator's (filter by orgId)",
    query: ftthReportQuery,
    responses: {
      200: {
        description: 'The rows, by commune and date',
        schema: z.object({ reports: z.array(ftthReport) }),
      },
      403: forbidden,
    },
  }),
  communeSummary: endpoint({
    method: 'GET',
    path: '/api/v1/ftth/communes',
    tag: 'ftth',
    summary:
      'Per commune: the operators’ latest FTTH figures aggregated without double counting, households, and the proxy (households within reach of fibre)',
    query: ftthSummaryQuery,
    responses: {
      200: { description: 'The summary (reported beside the proxy)', schema: ftthSummary },
      403: { description: "For the city's staff only" },
    },
  }),
} as const;
