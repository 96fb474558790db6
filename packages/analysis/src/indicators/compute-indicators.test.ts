import type { IndicatorValue } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from './compute-indicators.js';
import type { IndicatorFacts, PlanItemFact } from './indicator-facts.js';
import { countsAt, phaseEndYear } from './milestones.js';

const register: IndicatorFacts['register'] = {
  cableLengthM: { aerial: 10_000, underground: 5_000, submarine: 0 },
  ductLengthM: 2_500,
  trenchTunnelLengthM: 0,
  submarineCableLengthM: 40_000,
  towerTenants: [1, 2, 3, 0],
  landingStations: 1,
  wifiPointsBySiteType: { cultural_house: 2, commune_centre: 1 },
  dataCentres: { total: 3, green: 1 },
  mainStreetCameraM: { total: 8_000, covered: 2_000 },
};

const item = (over: Partial<PlanItemFact> & Pick<PlanItemFact, 'kind'>): PlanItemFact => ({
  phase: '2026-2027',
  status: 'planned',
  lengthM: 0,
  attributes: {},
  fromRegister: false,
  ...over,
});

const items: PlanItemFact[] = [
  item({ kind: 'undergrounding', lengthM: 3_000, phase: '2026-2027' }),
  item({ kind: 'undergrounding', lengthM: 9_000, phase: '2028-2030' }),
  item({ kind: 'undergrounding', lengthM: 1_000, phase: '2026-2027', status: 'cancelled' }),
  item({ kind: 'tower_area', phase: '2028-2030', attributes: { tenantsPlanned: 3 } }),
  item({ kind: 'tower_site', phase: '2031-2040' }),
  item({ kind: 'duct_route', lengthM: 1_500, phase: null }),
  item({ kind: 'duct_route', lengthM: 700, phase: '2026-2027', fromRegister: true, status: 'existing' }),
  item({ kind: 'data_centre', phase: '2028-2030', attributes: { isGreen: true } }),
  item({ kind: 'data_centre', phase: '2026-2027' }),
  item({ kind: 'landing_station', phase: '2028-2030' }),
  item({ kind: 'wifi_point', phase: '2026-2027', attributes: { siteType: 'cultural_house' } }),
];

const byKey = (list: IndicatorValue[]) => new Map(list.map((v) => [v.key, v]));

describe('milestones', () => {
  it('counts an item from the end of its phase, never when cancelled, and unphased ones at 2040', () => {
    expect(phaseEndYear('2026-2027')).toBe(2027);
    expect(countsAt({ phase: '2028-2030', status: 'planned' }, 2027)).toBe(false);
    expect(countsAt({ phase: '2028-2030', status: 'planned' }, 2030)).toBe(true);
    expect(countsAt({ phase: '2026-2027', status: 'cancelled' }, 2040)).toBe(false);
    expect(countsAt({ phase: null, status: 'planned' }, 2030)).toBe(false);
    expect(countsAt({ phase: null, status: 'completed' }, 2040)).toBe(true);
  });
});

describe('indicators on a hand-made register and version', () => {
  const values = byKey(computeIndicators({ register, items, coverage: null, keySites: null }));

  it('puts aerial cable underground by milestone, capped at what is overhead', () => {
    // 10 km aerial; 3 km by 2027, +9 km by 2030 (12 km > 10 km: capped); cancelled 1 km never.
    expect(values.get('cableAerialKm')).toMatchObject({
      actual: 10,
      planned: { 2027: 7, 2030: 0, 2040: 0 },
    });
    expect(values.get('undergroundingKm')).toMatchObject({
      actual: null,
      planned: { 2027: 3, 2030: 12, 2040: 12 },
    });
    // Share: 5 / 15 = 33.33 %; 2027: 8 / 15 = 53.33 %; 2030: 15 / 15.
    expect(values.get('undergroundCableSharePercent')).toMatchObject({
      actual: 33.33,
      planned: { 2027: 53.33, 2030: 100, 2040: 100 },
    });
  });

  it('shares towers: tenants per tower and towers with two or more tenants', () => {
    // Register: 4 towers with 1, 2, 3, 0 tenants → 6 / 4 = 1.5; two shared → 50 %.
    // 2030: + a tower area for 3 tenants → 9 / 5 = 1.8, 3 of 5 shared = 60 %.
    // 2040: + a tower site (1 tenant) → 10 / 6 = 1.667, 3 of 6 = 50 %.
    expect(values.get('tenantsPerTower')).toMatchObject({
      actual: 1.5,
      planned: { 2027: 1.5, 2030: 1.8, 2040: 1.667 },
    });
    expect(values.get('sharedTowerPercent')).toMatchObject({
      actual: 50,
      planned: { 2027: 50, 2030: 60, 2040: 50 },
      actualParts: { part: 2, whole: 4 },
    });
    expect(values.get('towerCount')).toMatchObject({ actual: 4, planned: { 2027: 4, 2030: 5, 2040: 6 } });
    expect(values.get('plannedTowerAreaTenants')?.planned).toEqual({ 2027: 0, 2030: 3, 2040: 3 });
  });

  it('adds ducts from the version but not the baseline copies of the register', () => {
    // 2.5 km + 1.5 km unphased (2040 only); the 0.7 km copy from the register is not added.
    expect(values.get('ductKm')).toMatchObject({ actual: 2.5, planned: { 2027: 2.5, 2030: 2.5, 2040: 4 } });
  });

  it('counts landing stations, data centres and green ones against the 2–3 target', () => {
    expect(values.get('landingStations')).toMatchObject({
      actual: 1,
      planned: { 2027: 1, 2030: 2, 2040: 2 },
    });
    // The register's 3 (1 green) plus the version's data-centre items at each milestone.
    expect(values.get('dataCentres')).toMatchObject({ actual: 3, planned: { 2027: 4, 2030: 5, 2040: 5 } });
    const green = values.get('greenDataCentres');
    expect(green).toMatchObject({ actual: 1, planned: { 2027: 1, 2030: 2, 2040: 2 } });
    expect(green?.target).toMatchObject({ value: 2, max: 3, year: 2030 });
    expect(values.get('submarineCableKm')?.actual).toBe(40);
  });

  it('measures the share of main streets a surveillance camera sees', () => {
    expect(values.get('mainStreetCameraPercent')).toMatchObject({
      group: 'cityServices',
      unit: 'percent',
      actual: 25,
      planned: null,
      actualParts: { part: 2_000, whole: 8_000 },
    });
  });

  it('counts WiFi points of the register and the version', () => {
    expect(values.get('wifiPoints')).toMatchObject({ actual: 3, planned: { 2027: 4, 2030: 4, 2040: 4 } });
  });

  it('has no planned figures for the register alone', () => {
    const alone = byKey(computeIndicators({ register, items: null, coverage: null, keySites: null }));
    expect(alone.get('ductKm')).toMatchObject({ actual: 2.5, planned: null });
    expect(alone.has('population5gPercent')).toBe(false);
  });
});

describe('coverage and key-site indicators', () => {
  it('turns covered people into percentages against the 100 % 5G target', () => {
    const values = byKey(
      computeIndicators({
        register,
        items: [],
        coverage: {
          populationCount: 800,
          actual: { '4G': 600, '5G': 200 },
          planned: {
            2027: { '4G': 600, '5G': 200 },
            2030: { '4G': 600, '5G': 500 },
            2040: { '4G': 600, '5G': 800 },
          },
        },
        keySites: null,
      }),
    );
    expect(values.get('population5gPercent')).toMatchObject({
      actual: 25,
      planned: { 2027: 25, 2030: 62.5, 2040: 100 },
      target: { value: 100, year: 2030 },
      actualParts: { part: 200, whole: 800 },
    });
    expect(values.get('population4gPercent')).toMatchObject({ actual: 75, target: null });
  });

  it('sums key sites over the broadband and WiFi categories, with a breakdown per category', () => {
    const values = byKey(
      computeIndicators({
        register,
        items: null,
        coverage: null,
        keySites: {
          byCategory: {
            school: { total: 4, fiber: 3, fiveG: 1, wifi: 0 },
            hospital: { total: 1, fiber: 1, fiveG: 1, wifi: 0 },
            cultural_house: { total: 5, fiber: 0, fiveG: 0, wifi: 2 },
            commune_centre: { total: 3, fiber: 3, fiveG: 3, wifi: 3 },
          },
          broadbandCategories: ['school', 'hospital'],
          wifiCategories: ['cultural_house', 'commune_centre'],
          planned: null,
        },
      }),
    );
    expect(values.get('keySitesFiberPercent')).toMatchObject({
      actual: 80,
      actualParts: { part: 4, whole: 5 },
    });
    expect(values.get('keySitesFiberPercent')?.breakdown).toMatchObject({ school: 75, hospital: 100 });
    expect(values.get('keySites5gPercent')?.actual).toBe(40);
    expect(values.get('communeWifiPercent')).toMatchObject({
      actual: 62.5,
      actualParts: { part: 5, whole: 8 },
    });
  });
});
