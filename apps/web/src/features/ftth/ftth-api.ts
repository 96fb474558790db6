/**
 * Calls of the FTTH API (packages/contracts ftth-endpoints.ts) as the panel makes them, typed by
 * the contract; query keys under FTTH_KEY so an upload refreshes the rows and the summary.
 */
import {
  ftthEndpoints as endpoints,
  type FtthReport,
  type FtthSummary,
  type FtthUploadResult,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export const FTTH_KEY = ['ftth'] as const;

export const listFtthReports = async (signal?: AbortSignal): Promise<FtthReport[]> =>
  (await callEndpoint(endpoints.listReports, { query: {} }, { signal })).reports;

export const uploadFtthCsv = (csv: string): Promise<FtthUploadResult> =>
  callEndpoint(endpoints.uploadReports, { body: { csv } });

export const ftthSummary = (
  params: { householdSize?: string; reachM?: string },
  signal?: AbortSignal,
): Promise<FtthSummary> => callEndpoint(endpoints.communeSummary, { query: params }, { signal });
