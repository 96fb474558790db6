import { describe, expect, it } from 'vitest';
import { localDistanceM } from './metric.js';
import { HANOI_SHARING_DISTANCE, sharingDistanceM } from './sharing-distance.js';
import { offset } from './test-helpers.js';
import { type SharingTower, TowerIndex } from './tower-index.js';
import { towerSharingReport } from './tower-report.js';
import { findSharingHosts } from './tower-sharing.js';

const origin: [number, number] = [106.68, 20.86];

function tower(id: string, eastM: number, overrides: Partial<SharingTower> = {}): SharingTower {
  return {
    id,
    ownerOrgId: 'owner-a',
    position: offset(origin, eastM),
    heightM: 40,
    tenantsMax: 3,
    tenantCount: 1,
    antennaSlotsTotal: 12,
    antennaSlotsUsed: 3,
    unitCode: '10001',
    unitType: 'ward',
    tenantOperatorIds: ['op-1'],
    ...overrides,
  };
}

describe('sharing distance', () => {
  it('is 100 m in wards and 400 m elsewhere by default, 100/500 m with Hanoi figures', () => {
    expect(sharingDistanceM('ward')).toBe(100);
    expect(sharingDistanceM('commune')).toBe(400);
    expect(sharingDistanceM('special_zone')).toBe(400);
    expect(sharingDistanceM(null)).toBe(400);
    expect(sharingDistanceM('commune', HANOI_SHARING_DISTANCE)).toBe(500);
  });
});

describe('findSharingHosts', () => {
  it('offers a tower 90 m away in a ward but not one 110 m away', () => {
    const index = new TowerIndex([tower('near', 90), tower('far', -110)]);
    expect(localDistanceM(origin, offset(origin, 90))).toBeCloseTo(90, 3);
    const result = findSharingHosts(index, { position: origin, unitType: 'ward', requiredHeightM: 30 });
    expect(result.sharingDistanceM).toBe(100);
    expect(result.candidates.map((c) => c.towerId)).toEqual(['near']);
    expect(result.candidates[0]?.distanceM).toBeCloseTo(90, 0);
    expect(result.newTowerAllowed).toBe(false);
  });

  it('offers the 110 m tower in a commune (400 m)', () => {
    const index = new TowerIndex([tower('near', 90), tower('far', -110)]);
    const result = findSharingHosts(index, { position: origin, unitType: 'commune', requiredHeightM: 30 });
    expect(result.candidates.map((c) => c.towerId)).toEqual(['near', 'far']);
  });

  it('does not offer a full tower, a short one, one without antenna slots or one the operator is on', () => {
    const index = new TowerIndex([
      tower('full', 10, { tenantCount: 3 }),
      tower('short', 20, { heightM: 20 }),
      tower('slots', 30, { antennaSlotsUsed: 11 }),
      tower('mine', 40, { tenantOperatorIds: ['op-2'] }),
      tower('ok', 50),
    ]);
    const result = findSharingHosts(index, {
      position: origin,
      unitType: 'ward',
      requiredHeightM: 30,
      operatorId: 'op-2',
    });
    expect(result.candidates.map((c) => c.towerId)).toEqual(['ok']);
    expect(result.candidates[0]).toMatchObject({ freeTenantSlots: 2, freeAntennaSlots: 9 });
    expect(Object.fromEntries(result.blocked.map((b) => [b.towerId, b.reasons]))).toEqual({
      full: ['full'],
      short: ['too_short'],
      slots: ['no_antenna_slots'],
      mine: ['already_tenant'],
    });
  });

  it('allows a new tower when nothing is within the distance', () => {
    const result = findSharingHosts(new TowerIndex([tower('far', 150)]), {
      position: origin,
      unitType: 'ward',
      requiredHeightM: 10,
    });
    expect(result).toMatchObject({ candidates: [], blocked: [], newTowerAllowed: true });
  });
});

describe('towerSharingReport', () => {
  it('clusters towers of different owners closer than the distance, and not of one owner', () => {
    const index = new TowerIndex([
      tower('a1', 0, { ownerOrgId: 'A' }),
      tower('b1', 80, { ownerOrgId: 'B' }), // 80 m from a1: linked
      tower('a2', 170, { ownerOrgId: 'A' }), // 90 m from b1: linked (chain)
      tower('a3', 400, { ownerOrgId: 'A' }), // alone
      tower('a4', 450, { ownerOrgId: 'A' }), // 50 m from a3 but the same owner
      tower('c1', 1000, { ownerOrgId: 'C', unitType: 'commune' }),
      tower('d1', 1300, { ownerOrgId: 'D', unitType: 'ward' }), // 300 m: within c1's 400 m
    ]);
    const report = towerSharingReport(index);
    expect(report.clusters.map((c) => c.towerIds)).toEqual([
      ['a1', 'a2', 'b1'],
      ['c1', 'd1'],
    ]);
    expect(report.clusters[0]?.ownerOrgIds).toEqual(['A', 'B']);
    expect(report.clusters[0]?.maxLinkM).toBeCloseTo(90, 0);
  });

  it('lists single-tenant towers that could take more and the utilisation per owner and unit', () => {
    const index = new TowerIndex([
      tower('one', 0, { ownerOrgId: 'A', tenantCount: 1, tenantsMax: 3 }),
      tower('two', 1000, { ownerOrgId: 'A', tenantCount: 2, tenantsMax: 2 }),
      tower('solo', 2000, { ownerOrgId: 'B', tenantCount: 1, tenantsMax: 1, unitCode: '10002' }),
    ]);
    const report = towerSharingReport(index);
    expect(report.underused.map((u) => [u.towerId, u.freeTenantSlots])).toEqual([['one', 2]]);
    expect(report.byOwner).toEqual([
      {
        ownerOrgId: 'A',
        towers: 2,
        singleTenantTowers: 1,
        tenantSlots: 5,
        tenants: 3,
        utilisationPercent: 60,
      },
      {
        ownerOrgId: 'B',
        towers: 1,
        singleTenantTowers: 0,
        tenantSlots: 1,
        tenants: 1,
        utilisationPercent: 100,
      },
    ]);
    expect(report.byUnit.map((u) => [u.unitCode, u.towers])).toEqual([
      ['10001', 2],
      ['10002', 1],
    ]);
  });
});
