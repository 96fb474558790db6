/**
 * The city-wide tower sharing report: towers with one tenant that could take more, clusters of
 * towers of different owners closer than the sharing distance (consolidation candidates), and
 * utilisation per owner and per commune. One pass over a spatial index: O(n log n + pairs).
 */
import { DEFAULT_SHARING_DISTANCE, type SharingDistanceRule, sharingDistanceM } from './sharing-distance.js';
import type { SharingTower, TowerIndex } from './tower-index.js';

export interface UnderusedTower {
  towerId: string;
  ownerOrgId: string;
  unitCode: string | null;
  heightM: number;
  tenantsMax: number;
  /** Tenants it could still take. */
  freeTenantSlots: number;
}

export interface ConsolidationCluster {
  /** Towers linked by pairs closer than the sharing distance, by id. */
  towerIds: string[];
  /** Distinct owners in the cluster (≥ 2). */
  ownerOrgIds: string[];
  /** Largest distance of a linking pair, metres. */
  maxLinkM: number;
  /** `[lng, lat]`: mean position of the cluster's towers. */
  centre: [number, number];
  unitCodes: string[];
}

export interface Utilisation {
  towers: number;
  /** Towers with exactly one tenant that could take more. */
  singleTenantTowers: number;
  tenantSlots: number;
  tenants: number;
  /** tenants / tenantSlots, percent (0 when there are no slots). */
  utilisationPercent: number;
}

export interface TowerReport {
  rule: SharingDistanceRule;
  underused: UnderusedTower[];
  clusters: ConsolidationCluster[];
  byOwner: (Utilisation & { ownerOrgId: string })[];
  byUnit: (Utilisation & { unitCode: string | null })[];
}

const emptyUtilisation = (): Utilisation => ({
  towers: 0,
  singleTenantTowers: 0,
  tenantSlots: 0,
  tenants: 0,
  utilisationPercent: 0,
});

function addTower(u: Utilisation, t: SharingTower, single: boolean) {
  u.towers++;
  if (single) u.singleTenantTowers++;
  u.tenantSlots += t.tenantsMax;
  u.tenants += Math.min(t.tenantCount, t.tenantsMax);
}

const percent = (u: Utilisation) => (u.tenantSlots ? Math.round((1000 * u.tenants) / u.tenantSlots) / 10 : 0);

/**
 * The report over every tower of the index (pass only standing towers). Two towers of different
 * owners are linked when closer than the sharing distance at either of them (the larger of the
 * two: either could have been the one built second).
 */
export function towerSharingReport(
  index: TowerIndex,
  rule: SharingDistanceRule = DEFAULT_SHARING_DISTANCE,
): TowerReport {
  const towers = index.towers;
  const searchM = Math.max(rule.urbanM, rule.otherM);
  const parent = towers.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    let k = i;
    while (parent[k] !== r) {
      const next = parent[k] as number;
      parent[k] = r;
      k = next;
    }
    return r;
  };
  const maxLink = new Map<number, number>();
  const linkDistances: [number, number, number][] = [];
  towers.forEach((t, i) => {
    const own = sharingDistanceM(t.unitType, rule);
    for (const hit of index.within(t.position, searchM)) {
      if (hit.index <= i || hit.tower.ownerOrgId === t.ownerOrgId) continue;
      const limit = Math.max(own, sharingDistanceM(hit.tower.unitType, rule));
      if (hit.distanceM >= limit) continue;
      linkDistances.push([i, hit.index, hit.distanceM]);
      const a = find(i);
      const b = find(hit.index);
      if (a !== b) parent[a] = b;
    }
  });
  for (const [i, , d] of linkDistances) {
    const root = find(i);
    maxLink.set(root, Math.max(maxLink.get(root) ?? 0, d));
  }
  const members = new Map<number, number[]>();
  towers.forEach((_, i) => {
    const root = find(i);
    if (!maxLink.has(root)) return;
    const list = members.get(root) ?? [];
    list.push(i);
    members.set(root, list);
  });
  const clusters: ConsolidationCluster[] = [];
  for (const [root, list] of members) {
    const chosen = list.map((i) => towers[i] as SharingTower);
    const owners = [...new Set(chosen.map((t) => t.ownerOrgId))].sort();
    if (owners.length < 2) continue;
    clusters.push({
      towerIds: chosen.map((t) => t.id).sort(),
      ownerOrgIds: owners,
      maxLinkM: Math.round((maxLink.get(root) ?? 0) * 10) / 10,
      centre: [
        chosen.reduce((s, t) => s + t.position[0], 0) / chosen.length,
        chosen.reduce((s, t) => s + t.position[1], 0) / chosen.length,
      ],
      unitCodes: [...new Set(chosen.map((t) => t.unitCode).filter((c): c is string => c !== null))].sort(),
    });
  }
  clusters.sort((a, b) => b.towerIds.length - a.towerIds.length || a.maxLinkM - b.maxLinkM);

  const underused: UnderusedTower[] = [];
  const byOwner = new Map<string, Utilisation>();
  const byUnit = new Map<string | null, Utilisation>();
  for (const t of towers) {
    const single = t.tenantCount === 1 && t.tenantsMax > 1;
    if (single) {
      underused.push({
        towerId: t.id,
        ownerOrgId: t.ownerOrgId,
        unitCode: t.unitCode,
        heightM: t.heightM,
        tenantsMax: t.tenantsMax,
        freeTenantSlots: t.tenantsMax - 1,
      });
    }
    const o = byOwner.get(t.ownerOrgId) ?? emptyUtilisation();
    addTower(o, t, single);
    byOwner.set(t.ownerOrgId, o);
    const u = byUnit.get(t.unitCode) ?? emptyUtilisation();
    addTower(u, t, single);
    byUnit.set(t.unitCode, u);
  }
  underused.sort(
    (a, b) =>
      b.freeTenantSlots - a.freeTenantSlots || b.heightM - a.heightM || a.towerId.localeCompare(b.towerId),
  );
  return {
    rule: { ...rule },
    underused,
    clusters,
    byOwner: [...byOwner]
      .map(([ownerOrgId, u]) => ({ ownerOrgId, ...u, utilisationPercent: percent(u) }))
      .sort((a, b) => a.ownerOrgId.localeCompare(b.ownerOrgId)),
    byUnit: [...byUnit]
      .map(([unitCode, u]) => ({ unitCode, ...u, utilisationPercent: percent(u) }))
      .sort((a, b) => (a.unitCode ?? '~').localeCompare(b.unitCode ?? '~')),
  };
}
