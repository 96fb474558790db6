import type { DiiDashboard, DiiValuesInput, IndicatorReport } from '@hatang/contracts';
import { ApiRequestError, getJson, isRecord, sendJson } from '../../lib/api-client';

export type { DiiDashboard, IndicatorReport };

function expectReport(body: unknown, url: string): IndicatorReport {
  if (!isRecord(body) || !Array.isArray(body.indicators) || !Array.isArray(body.milestones)) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer an indicator report', url);
  }
  return body as unknown as IndicatorReport;
}

/** Indicators of a plan version (target, register, planned by milestone), or of the register alone. */
export async function fetchIndicators(
  versionId: string | null,
  commune: string | null,
  signal?: AbortSignal,
): Promise<IndicatorReport> {
  const query = commune ? `?commune=${encodeURIComponent(commune)}` : '';
  const url = versionId
    ? `/api/v1/plan-versions/${encodeURIComponent(versionId)}/indicators${query}`
    : `/api/v1/indicators${query}`;
  return expectReport(await getJson(url, signal), url);
}

export const indicatorsQueryKey = (versionId: string | null, commune: string | null) =>
  ['indicators', versionId ?? 'register', commune ?? 'city'] as const;

export async function fetchDiiDashboard(signal?: AbortSignal): Promise<DiiDashboard> {
  const url = '/api/v1/dii/dashboard';
  const body = await getJson(url, signal);
  if (!isRecord(body) || !Array.isArray(body.groups) || !Array.isArray(body.years)) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a DII dashboard', url);
  }
  return body as unknown as DiiDashboard;
}

/** A planner's values for one year (`value: null` removes one). */
export async function saveDiiValues(input: DiiValuesInput): Promise<void> {
  await sendJson('POST', '/api/v1/dii/values', input);
}

/** Stores, for `year`, the values Hatang computes from the register. */
export async function computeDiiValues(year: number): Promise<void> {
  await sendJson('POST', '/api/v1/dii/values/compute', { year });
}
