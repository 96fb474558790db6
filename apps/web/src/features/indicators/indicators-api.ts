import {
  type DiiDashboard,
  type DiiValuesInput,
  type IndicatorReport,
  type InterimTargetInput,
  indicatorEndpoints,
  planningAssumptionEndpoints,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export type { DiiDashboard, IndicatorReport };

/** Indicators of a plan version (target, register, planned by milestone), or of the register alone. */
export function fetchIndicators(
  versionId: string | null,
  commune: string | null,
  signal?: AbortSignal,
): Promise<IndicatorReport> {
  const query = { commune: commune ?? undefined };
  return versionId
    ? callEndpoint(indicatorEndpoints.versionIndicators, { params: { id: versionId }, query }, { signal })
    : callEndpoint(indicatorEndpoints.registerIndicators, { query }, { signal });
}

export const indicatorsQueryKey = (versionId: string | null, commune: string | null) =>
  ['indicators', versionId ?? 'register', commune ?? 'city'] as const;

export const fetchDiiDashboard = (signal?: AbortSignal): Promise<DiiDashboard> =>
  callEndpoint(indicatorEndpoints.diiDashboard, {}, { signal });

/** A planner's values for one year (`value: null` removes one). */
export async function saveDiiValues(input: DiiValuesInput): Promise<void> {
  await callEndpoint(indicatorEndpoints.saveDiiValues, { body: input });
}

/** Stores, for `year`, the values Hatang computes from the register. */
export async function computeDiiValues(year: number): Promise<void> {
  await callEndpoint(indicatorEndpoints.computeDiiValues, { body: { year } });
}

/** Sets (or clears, `value: null`) an indicator's 2027 interim target, a planning assumption. */
export async function saveInterimTarget(key: string, body: InterimTargetInput): Promise<void> {
  await callEndpoint(planningAssumptionEndpoints.setInterimTarget, { params: { key }, body });
}
