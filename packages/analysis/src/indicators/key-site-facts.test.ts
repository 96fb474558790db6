import { describe, expect, it } from 'vitest';
import { ORIGIN, offsetM } from '../coverage/test-grid.js';
import { computeIndicators } from './compute-indicators.js';
import { keySiteFacts } from './key-site-facts.js';

const point = (at: [number, number]) => ({ type: 'Point' as const, coordinates: at });
// A school at O, a cultural house 1 km east, a hospital 3 km north.
const sites = [
  { id: 's1', category: 'school', geometry: point(ORIGIN) },
  { id: 's2', category: 'cultural_house', geometry: point(offsetM(ORIGIN, 1000, 0)) },
  { id: 's3', category: 'hospital', geometry: point(offsetM(ORIGIN, 0, 3000)) },
];
const actual = new Map([
  ['s1', { hasFiber: true, has5g: false, hasWifi: false }],
  ['s2', { hasFiber: false, has5g: false, hasWifi: false }],
  ['s3', { hasFiber: false, has5g: true, hasWifi: false }],
]);
const planned = {
  // A duct 150 m east of the hospital from 2030 (within the 200 m fiber distance) and one 250 m
  // from the cultural house from 2027 (beyond it).
  ductLines: [
    { line: [offsetM(ORIGIN, 150, 2500), offsetM(ORIGIN, 150, 3500)], fromYear: 2030 },
    { line: [offsetM(ORIGIN, 1250, -500), offsetM(ORIGIN, 1250, 500)], fromYear: 2027 },
  ],
  // A WiFi point 50 m from the cultural house from 2040 (within 100 m).
  wifiPoints: [{ point: offsetM(ORIGIN, 1050, 0), fromYear: 2040 }],
  // A 5G site at the school from 2027, urban: 400 m (the cultural house is 1 km away).
  sites: [{ id: 'p1', lng: ORIGIN[0], lat: ORIGIN[1], heightM: 30, fromYear: 2027 }],
  environmentOf: () => 'urban' as const,
};

describe('key sites with fiber, 5G and WiFi, now and by milestone', () => {
  const facts = keySiteFacts(sites, actual, planned);

  it('tallies the register’s flags by category', () => {
    expect(facts.byCategory).toEqual({
      school: { total: 1, fiber: 1, fiveG: 0, wifi: 0 },
      cultural_house: { total: 1, fiber: 0, fiveG: 0, wifi: 0 },
      hospital: { total: 1, fiber: 0, fiveG: 1, wifi: 0 },
    });
  });

  it('adds the version’s ducts, WiFi points and 5G sites from the end of their phase', () => {
    expect(facts.planned?.['2027']).toMatchObject({ school: { fiveG: 1 }, hospital: { fiber: 0 } });
    expect(facts.planned?.['2030']).toMatchObject({
      hospital: { fiber: 1, fiveG: 1 },
      cultural_house: { fiber: 0 },
    });
    expect(facts.planned?.['2040']?.cultural_house).toEqual({ total: 1, fiber: 0, fiveG: 0, wifi: 1 });
  });

  it('becomes the key-site indicators against Plan 317’s 100 % targets', () => {
    const values = new Map(
      computeIndicators({
        register: {
          cableLengthM: { aerial: 0, underground: 0, submarine: 0 },
          ductLengthM: 0,
          trenchTunnelLengthM: 0,
          submarineCableLengthM: 0,
          towerTenants: [],
          landingStations: 0,
          wifiPointsBySiteType: {},
          dataCentres: { total: 0, green: 0 },
          mainStreetCameraM: { total: 0, covered: 0 },
        },
        items: [],
        coverage: null,
        keySites: facts,
      }).map((v) => [v.key, v]),
    );
    // Broadband sites: the school and the hospital.
    expect(values.get('keySitesFiberPercent')).toMatchObject({
      actual: 50,
      planned: { 2027: 50, 2030: 100, 2040: 100 },
      target: { value: 100 },
    });
    expect(values.get('keySites5gPercent')).toMatchObject({
      actual: 50,
      planned: { 2027: 100, 2030: 100, 2040: 100 },
    });
    expect(values.get('communeWifiPercent')).toMatchObject({
      actual: 0,
      planned: { 2027: 0, 2030: 0, 2040: 100 },
    });
  });

  it('has no planned tallies without a version', () => {
    expect(keySiteFacts(sites, actual, null).planned).toBeNull();
  });
});

describe('the 5G key areas of Plan 317 III.1', () => {
  const register = {
    cableLengthM: { aerial: 0, underground: 0, submarine: 0 },
    ductLengthM: 0,
    trenchTunnelLengthM: 0,
    submarineCableLengthM: 0,
    towerTenants: [],
    landingStations: 0,
    wifiPointsBySiteType: {},
    dataCentres: { total: 0, green: 0 },
    mainStreetCameraM: { total: 0, covered: 0 },
  };
  const line = { type: 'LineString' as const, coordinates: [ORIGIN, offsetM(ORIGIN, 2000, 0)] as const };
  const more = [
    ...sites,
    { id: 'h1', category: 'hotel', geometry: point(offsetM(ORIGIN, 0, -2000)) },
    { id: 'r1', category: 'road_corridor', geometry: line },
    { id: 'u1', category: 'college_university', geometry: point(offsetM(ORIGIN, -2000, 0)) },
  ];
  const flags = new Map([
    ...actual,
    ['h1', { hasFiber: false, has5g: true, hasWifi: false }],
    ['r1', { hasFiber: false, has5g: false, hasWifi: false }],
    ['u1', { hasFiber: true, has5g: false, hasWifi: false }],
  ]);
  const values = new Map(
    computeIndicators({
      register,
      items: [],
      coverage: null,
      keySites: keySiteFacts(more, flags, null),
    }).map((v) => [v.key, v]),
  );

  it('counts hotels and corridors for 5G but not for fibre, and colleges for both', () => {
    // 5G: school, hospital, hotel, road, college — the hospital and the hotel have it.
    expect(values.get('keySites5gPercent')?.actualParts).toEqual({ part: 2, whole: 5 });
    // Fibre: school, hospital, college — the school and the college have it.
    expect(values.get('keySitesFiberPercent')?.actualParts).toEqual({ part: 2, whole: 3 });
  });

  it('states the corridor threshold in the 5G breakdown beside the categories', () => {
    expect(values.get('keySites5gPercent')?.breakdown).toMatchObject({
      road_corridor: 0,
      hotel: 100,
      corridorCoveredSharePercent: 95,
    });
    expect(values.get('keySitesFiberPercent')?.breakdown).not.toHaveProperty('corridorCoveredSharePercent');
  });
});
