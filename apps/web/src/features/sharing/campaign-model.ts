/**
 * Pure helpers of the undergrounding campaign tab and the route planner's co-location button:
 * the per-year table and bars, which candidates are already in the campaign, and the targets of a
 * co-location request from a planned route. Lengths in metres (km where the name says so).
 */
import type {
  CampaignAnswer,
  CampaignStatus,
  CampaignSummary,
  LngLat,
  RoutePlanAnswer,
  UndergroundingCandidate,
} from './sharing-api';

/** Map and bar colours of the campaign statuses. */
export const CAMPAIGN_COLOURS: Record<CampaignStatus, string> = {
  planned: '#f59e0b',
  in_progress: '#2563eb',
  done: '#16a34a',
};

export interface CampaignYearRow {
  year: number;
  segments: number;
  plannedKm: number;
  inProgressKm: number;
  doneKm: number;
  totalKm: number;
  /** Shares of the longest year's total (0–1), for bars on one scale. */
  bar: Record<CampaignStatus, number>;
}

const km = (m: number) => Math.round(m) / 1000;

/** One row per planned year, years ascending, bars scaled to the year with the most kilometres. */
export function campaignYearRows(summary: CampaignSummary): CampaignYearRow[] {
  const longest = Math.max(0, ...summary.years.map((y) => y.totalM));
  const share = (m: number) => (longest > 0 ? m / longest : 0);
  return [...summary.years]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({
      year: y.year,
      segments: y.segments,
      plannedKm: km(y.plannedM),
      inProgressKm: km(y.inProgressM),
      doneKm: km(y.doneM),
      totalKm: km(y.totalM),
      bar: { planned: share(y.plannedM), in_progress: share(y.inProgressM), done: share(y.doneM) },
    }));
}

/** The stretch's identity as the server keys it: cable and vertices rounded to 1e-6°. */
export function stretchId(cableRouteId: string | null, coordinates: readonly LngLat[]): string {
  return `${cableRouteId ?? ''}|${coordinates.map(([x, y]) => `${x.toFixed(6)} ${y.toFixed(6)}`).join(',')}`;
}

/** The stretch ids already in the campaign. */
export function campaignStretchIds(answer: CampaignAnswer | undefined): Set<string> {
  return new Set(
    (answer?.features ?? []).map((f) => stretchId(f.properties.cableRouteId, f.geometry.coordinates)),
  );
}

/** The first `n` candidates (in rank order) not yet in the campaign. */
export function topCandidatesToAdd(
  candidates: readonly UndergroundingCandidate[],
  inCampaign: ReadonlySet<string>,
  n: number,
): UndergroundingCandidate[] {
  return candidates
    .filter((c) => !inCampaign.has(stretchId(c.properties.cableRouteId, c.geometry.coordinates)))
    .slice(0, Math.max(0, n));
}

export interface ColocationTarget {
  kind: 'tower' | 'pole' | 'duct';
  id: string;
  ownerOrgId?: string;
  label?: string;
  lengthM?: number;
}

/**
 * The co-location request targets of a planned route: every existing duct it runs in (with the
 * metres used) and every pole it hangs on, each with its owner. New trench and the owners'
 * trenches/tunnels are not rented through co-location requests.
 */
export function routeColocationTargets(
  answer: RoutePlanAnswer,
  /** What the user calls a duct and a pole, in the UI language (for the targets' labels). */
  words: { duct: string; pole: string } = { duct: 'duct', pole: 'pole' },
): ColocationTarget[] {
  const names = new Map(answer.owners.map((o) => [o.ownerOrgId, o.ownerName ?? o.ownerCode ?? o.ownerOrgId]));
  const ducts = new Map<string, ColocationTarget>();
  for (const leg of answer.features) {
    const { kind, assetId, ownerOrgId, lengthM } = leg.properties;
    if (kind !== 'duct' || !assetId) continue;
    const target = ducts.get(assetId) ?? {
      kind: 'duct' as const,
      id: assetId,
      ...(ownerOrgId ? { ownerOrgId } : {}),
      label: `${words.duct} — ${ownerOrgId ? (names.get(ownerOrgId) ?? ownerOrgId) : '?'}`,
      lengthM: 0,
    };
    target.lengthM = Math.round(((target.lengthM ?? 0) + lengthM) * 10) / 10;
    ducts.set(assetId, target);
  }
  const poles: ColocationTarget[] = [];
  const seen = new Set<string>();
  for (const owner of answer.owners) {
    for (const id of owner.poleIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      poles.push({
        kind: 'pole',
        id,
        ownerOrgId: owner.ownerOrgId,
        label: `${words.pole} — ${names.get(owner.ownerOrgId)}`,
      });
    }
  }
  return [...ducts.values(), ...poles];
}
