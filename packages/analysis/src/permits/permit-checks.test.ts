import { DEFAULT_PERMIT_CHECK_CONFIG } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { localDistanceM, metresPerDegreeLat } from '../coverage/local-metric.js';
import type { LngLat } from '../sharing/metric.js';
import {
  airportDistance,
  airportHeightCheck,
  airportHeightLimitM,
  aviationMarkingCheck,
} from './airport-height.js';
import type { TowerFacts } from './check-types.js';
import { digOnceCheck, type NamedCivilWork } from './dig-once-check.js';
import { duplicateCheck, duplicateCheckForApplicant, type NearbyRecord } from './duplicate.js';
import { emfSafeDistanceM, emfSafetyCheck } from './emf-safety.js';
import { permitExemptionCheck } from './permit-exemption.js';
import { type NearbyPlanItem, planConformityCheck } from './plan-conformity.js';
import { restrictedZonesCheck, type TouchedZone } from './restricted-zones.js';
import { runSelfContainedChecks } from './run-permit-checks.js';
import { sharingObligationCheck } from './sharing-obligation.js';

const ARP = DEFAULT_PERMIT_CHECK_CONFIG.airport.referencePoint;
/** A point `metres` due north of Cát Bi's reference point. */
const north = (metres: number): LngLat => [ARP[0], ARP[1] + metres / metresPerDegreeLat(ARP[1])];
const tower = (facts: Partial<TowerFacts> = {}): TowerFacts => ({
  towerClass: 'A2a',
  heightM: 30,
  structure: 'monopole',
  mounting: 'on_ground',
  eirpW: 1000,
  nearestBuildingM: 50,
  ...facts,
});

describe('airport height (Cát Bi)', () => {
  it('puts the reference point at 20°49′01″N 106°43′23″E', () => {
    expect(ARP[0]).toBeCloseTo(106.723056, 6);
    expect(ARP[1]).toBeCloseTo(20.816944, 6);
  });

  it('limits 45 m within 4 000 m, rising 1:20 to 145 m at 6 000 m, and nothing beyond', () => {
    const airport = DEFAULT_PERMIT_CHECK_CONFIG.airport;
    expect(airportHeightLimitM(4000, airport)).toBe(45);
    expect(airportHeightLimitM(5000, airport)).toBe(95);
    expect(airportHeightLimitM(6000, airport)).toBe(145);
    expect(airportHeightLimitM(6001, airport)).toBeNull();
  });

  it('passes a 44 m tower and fails a 46 m one inside the inner horizontal surface', () => {
    const at = north(3900);
    expect(localDistanceM(ARP, at)).toBeCloseTo(3900, 1);
    expect(airportHeightCheck(at, tower({ heightM: 44 })).result).toBe('pass');
    const fail = airportHeightCheck(at, tower({ heightM: 46 }));
    expect(fail.result).toBe('fail');
    expect(fail.reason.en).toContain('exceeds the 45 m height limit');
    expect(fail.reason.vi).toContain('vượt giới hạn độ cao 45 m');
    expect(fail.geometry).toEqual({ type: 'LineString', coordinates: [ARP, at] });
  });

  it('writes its figures as each language does: a decimal comma and a thousands dot in Vietnamese', () => {
    const at = north(5987.9);
    const check = airportHeightCheck(at, tower({ heightM: 150 }));
    expect(check.reason.vi).toMatch(/tại 5\.98\d,\d m từ sân bay/);
    expect(check.reason.en).toMatch(/at 5,98\d\.\d m from/);
    expect(check.reason.vi).toContain('giới hạn độ cao 144,4 m');
    expect(check.reason.en).toContain('the 144.4 m height limit');
  });

  it('counts the building under a rooftop tower', () => {
    const at = north(1000);
    expect(
      airportHeightCheck(at, tower({ mounting: 'rooftop', heightM: 6, buildingHeightM: 38 })).result,
    ).toBe('pass');
    expect(
      airportHeightCheck(at, tower({ mounting: 'rooftop', heightM: 8, buildingHeightM: 38 })).result,
    ).toBe('fail');
  });

  it('follows the conical surface (95 m at 5 000 m) and ignores towers beyond 6 000 m', () => {
    expect(airportHeightCheck(north(5000), tower({ heightM: 94 })).result).toBe('pass');
    expect(airportHeightCheck(north(5000), tower({ heightM: 96 })).result).toBe('fail');
    expect(airportHeightCheck(north(6100), tower({ heightM: 200 })).result).toBe('not_applicable');
  });

  it('takes its parameters from the one configuration', () => {
    const config = {
      ...DEFAULT_PERMIT_CHECK_CONFIG,
      airport: { ...DEFAULT_PERMIT_CHECK_CONFIG.airport, innerHeightM: 50 },
    };
    expect(airportHeightCheck(north(3900), tower({ heightM: 46 }), config).result).toBe('pass');
  });
});

describe('aviation marking (Decree 32/2016)', () => {
  it('asks for marking and lighting from 45 m, not at 44.9 m', () => {
    const at: LngLat = [0.5, 0.5];
    expect(aviationMarkingCheck(at, tower({ heightM: 44.9 })).result).toBe('pass');
    const warn = aviationMarkingCheck(at, tower({ heightM: 45 }));
    expect(warn.result).toBe('warn');
    expect(warn.reason.vi).toContain('đèn báo hiệu hàng không');
  });
});

describe('permit exemption (Joint Circular 15/2016)', () => {
  const at: LngLat = [0.5, 0.5];
  const rooftopA1 = (heightM: number, buildingHeightM: number, extra: Partial<TowerFacts> = {}) =>
    tower({
      towerClass: 'A1',
      structure: 'rooftop_column',
      mounting: 'rooftop',
      heightM,
      buildingHeightM,
      ...extra,
    });

  it('exempts a 2.9 m column on a 20 m building, and not a 4.5 m one', () => {
    const exempt = permitExemptionCheck(at, rooftopA1(2.9, 20));
    expect(exempt.result).toBe('exempt');
    expect(exempt.reason.en).toContain('exempt from a construction permit');
    expect(exempt.reason.vi).toContain('miễn giấy phép xây dựng');
    expect(permitExemptionCheck(at, rooftopA1(4.5, 20)).result).toBe('not_applicable');
  });

  it('holds a column to 20 % of a low building: 2.8 m on 14 m is exempt, 2.9 m is not', () => {
    expect(permitExemptionCheck(at, rooftopA1(2.8, 14)).result).toBe('exempt');
    expect(permitExemptionCheck(at, rooftopA1(2.9, 14)).result).toBe('not_applicable');
  });

  it('exempts a camouflaged A1 column of any height, and never a ground tower', () => {
    expect(permitExemptionCheck(at, rooftopA1(6, 20, { isCamouflaged: true })).result).toBe('exempt');
    expect(permitExemptionCheck(at, tower({ heightM: 2 })).result).toBe('not_applicable');
  });
});

describe('EMF safety distance (QCVN 8:2022/BTTTT)', () => {
  const at: LngLat = [0.5, 0.5];
  it('finds the distance where EIRP / (4πr²) falls to 2 W/m²', () => {
    const r = emfSafeDistanceM(1000, 2);
    expect(r).toBeCloseTo(6.3078, 4);
    expect(1000 / (4 * Math.PI * r * r)).toBeCloseTo(2, 10);
  });

  it('warns when the nearest building is just inside the safe distance, passes just outside', () => {
    expect(emfSafetyCheck(at, tower({ nearestBuildingM: 6.2 })).result).toBe('warn');
    const pass = emfSafetyCheck(at, tower({ nearestBuildingM: 6.4 }));
    expect(pass.result).toBe('pass');
    expect(pass.geometry?.type).toBe('Polygon');
  });

  it('warns when the antenna sits lower than the safe distance', () => {
    expect(emfSafetyCheck(at, tower({ heightM: 6, nearestBuildingM: 50 })).result).toBe('warn');
    expect(emfSafetyCheck(at, tower({ heightM: 6.5, nearestBuildingM: 50 })).result).toBe('pass');
  });
});

describe('runSelfContainedChecks', () => {
  it('runs the four tower checks, and marks them not applicable for line works', () => {
    const results = runSelfContainedChecks({
      kind: 'tower',
      geometry: { type: 'Point', coordinates: north(100) },
      details: tower(),
    });
    expect(results.map((r) => r.check)).toEqual([
      'airport-height',
      'aviation-marking',
      'permit-exemption',
      'emf-safety',
    ]);
    const line = runSelfContainedChecks({
      kind: 'duct_works',
      geometry: { type: 'LineString', coordinates: [north(0), north(100)] },
      details: {},
    });
    expect(line.every((r) => r.result === 'not_applicable')).toBe(true);
  });
});

describe('restricted zones', () => {
  const square: TouchedZone['geometry'] = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  };
  const zone = (kind: string, rules: TouchedZone['rules'] = {}): TouchedZone => ({
    id: kind,
    kind,
    name: `Vùng ${kind}`,
    rules,
    geometry: square,
  });

  it('fails a tower in a restricted zone and passes it outside every zone', () => {
    const fail = restrictedZonesCheck('tower', tower(), [zone('restricted')]);
    expect(fail.result).toBe('fail');
    expect(fail.geometry).toEqual(square);
    expect(restrictedZonesCheck('tower', tower(), []).result).toBe('pass');
    expect(restrictedZonesCheck('duct_works', null, [zone('restricted')]).result).toBe('pass');
  });

  it('holds towers to a height-limited zone: 30 m passes a 30 m limit, 30.5 m fails', () => {
    expect(
      restrictedZonesCheck('tower', tower({ heightM: 30 }), [zone('height_limited', { maxHeightM: 30 })])
        .result,
    ).toBe('pass');
    expect(
      restrictedZonesCheck('tower', tower({ heightM: 30.5 }), [zone('height_limited', { maxHeightM: 30 })])
        .result,
    ).toBe('fail');
  });

  it('fails a pole line in an underground-only zone, and warns of camouflage for an uncamouflaged tower', () => {
    expect(restrictedZonesCheck('pole_line', null, [zone('underground_only')]).result).toBe('fail');
    const warn = restrictedZonesCheck('tower', tower(), [zone('camouflage_required')]);
    expect(warn.result).toBe('warn');
    expect(warn.reason.vi).toContain('ngụy trang');
    expect(
      restrictedZonesCheck('tower', tower({ isCamouflaged: true }), [zone('camouflage_required')]).result,
    ).toBe('pass');
  });
});

describe('plan conformity', () => {
  const point = { type: 'Point' as const, coordinates: [0, 0] };
  const item = (kind: string, distanceM: number, coversWorks = false): NearbyPlanItem => ({
    id: kind,
    kind,
    name: 'Khu trạm',
    distanceM,
    coversWorks,
    geometry: point,
  });
  it('passes a tower within 50 m of an approved tower site and fails it at 50.5 m', () => {
    expect(planConformityCheck('tower', true, [item('tower_site', 50)], 50).result).toBe('pass');
    const fail = planConformityCheck('tower', true, [item('tower_site', 50.5)], 50);
    expect(fail.result).toBe('fail');
    expect(fail.reason.en).toBe('Not in the approved plan');
  });
  it('passes a tower inside a tower area only, and line works along a route of their kind', () => {
    expect(planConformityCheck('tower', true, [item('tower_area', 0)], 50).result).toBe('pass');
    expect(planConformityCheck('tower', true, [item('tower_area', 1)], 50).result).toBe('fail');
    expect(planConformityCheck('duct_works', true, [item('duct_route', 3, true)], 50).result).toBe('pass');
    expect(planConformityCheck('duct_works', true, [item('duct_route', 3, false)], 50).result).toBe('fail');
    expect(planConformityCheck('pole_line', true, [item('duct_route', 0, true)], 50).result).toBe('fail');
  });
  it('is not applicable without an approved plan version', () => {
    expect(planConformityCheck('tower', false, [], 50).result).toBe('not_applicable');
  });
});

describe('duplicate', () => {
  const at = { type: 'Point' as const, coordinates: [0, 0] };
  it('warns of an application within 20 m, not at 20.5 m', () => {
    const near: NearbyRecord = {
      source: 'application',
      id: 'a',
      label: 'Trạm A',
      distanceM: 20,
      geometry: at,
    };
    expect(duplicateCheck([near], 20).result).toBe('warn');
    expect(duplicateCheck([{ ...near, distanceM: 20.5 }], 20).result).toBe('pass');
  });
  it("tells the applicant of another organisation's application without its title, distance or place", () => {
    const rival: NearbyRecord = {
      source: 'application',
      id: 'r',
      label: 'Trạm đối thủ',
      distanceM: 12.3,
      geometry: { type: 'Point', coordinates: [1, 2] },
      isOthers: true,
    };
    const asset: NearbyRecord = { source: 'asset', id: 't', label: 'HP-T-001', distanceM: 15, geometry: at };
    const forApplicant = duplicateCheckForApplicant([rival, asset], 20);
    expect(forApplicant.result).toBe('warn');
    expect(JSON.stringify(forApplicant)).not.toMatch(/đối thủ|12 m|\[1,2\]/);
    expect(forApplicant.reason.en).toContain('asset HP-T-001 (15 m)');
    expect(forApplicant.geometry).toEqual(at);
    expect(duplicateCheckForApplicant([rival], 20).geometry).toBeUndefined();
    expect(duplicateCheck([rival], 20).reason.vi).toContain('Trạm đối thủ');
  });
});

describe('sharing obligation', () => {
  const at: LngLat = [106.68, 20.86];
  const host = {
    towerId: 't',
    ownerOrgId: 'o',
    position: [106.6809, 20.86] as LngLat,
    distanceM: 93.6,
    heightM: 40,
    freeTenantSlots: 2,
    freeAntennaSlots: 6,
  };
  const result = (candidates: (typeof host)[]) => ({
    sharingDistanceM: 100,
    candidates,
    blocked: [],
    newTowerAllowed: candidates.length === 0,
  });
  it('fails with a host within the distance unless justified, and passes without one', () => {
    const fail = sharingObligationCheck(at, result([host]), null);
    expect(fail.result).toBe('fail');
    expect(fail.reason.vi).toContain('Phải dùng chung');
    expect(fail.geometry).toEqual({ type: 'LineString', coordinates: [at, host.position] });
    expect(sharingObligationCheck(at, result([host]), 'Trạm hiện có không chịu thêm tải').result).toBe(
      'warn',
    );
    expect(sharingObligationCheck(at, result([]), null).result).toBe('pass');
  });
});

describe('dig-once', () => {
  const y = 20.86;
  const mPerDegLng = 104_000; // close enough at 20.86°N for fixtures; the check measures itself
  const line = (x0: number, lengthM: number, dy = 0): LngLat[] => [
    [x0, y + dy],
    [x0 + lengthM / mPerDegLng, y + dy],
  ];
  const civil = (coordinates: LngLat[], startsOn = '2027-03-10', endsOn = '2027-06-30'): NamedCivilWork => ({
    id: 'road-1',
    ownerOrgId: 'roads',
    sector: 'road',
    coordinates,
    startsOn,
    endsOn,
    name: 'Nâng cấp đường Lê Lợi',
    ownerName: 'Sở Xây dựng',
  });
  const works = {
    coordinates: line(106.68, 300),
    startsOn: '2027-03-01',
    endsOn: '2027-04-30',
    ownerOrgId: 'op',
  };
  const options = DEFAULT_PERMIT_CHECK_CONFIG.digOnce;
  it('warns with "coordinate with" a road works 10 m away in an overlapping window, over 300 m', () => {
    const warn = digOnceCheck(works, [civil(line(106.68, 300, 10 / 110_700))], options);
    expect(warn.result).toBe('warn');
    expect(warn.reason.en).toContain(
      'Coordinate with: Nâng cấp đường Lê Lợi (Sở Xây dựng, 2027-03-10 – 2027-04-30)',
    );
    expect(warn.geometry?.type).toBe('MultiLineString');
  });
  it('passes a road works 20 m away (outside 15 m), or in a later window', () => {
    expect(digOnceCheck(works, [civil(line(106.68, 300, 20 / 110_700))], options).result).toBe('pass');
    expect(digOnceCheck(works, [civil(line(106.68, 300, 10 / 110_700), '2027-05-01')], options).result).toBe(
      'pass',
    );
  });
});

describe('airport height measured from a corrected runway', () => {
  // A runway 3 050 m long east–west through the reference point (planners enter the real thresholds).
  const halfDeg = 1525 / (111_319.49 * Math.cos((ARP[1] * Math.PI) / 180));
  const runway: [LngLat, LngLat] = [
    [ARP[0] - halfDeg, ARP[1]],
    [ARP[0] + halfDeg, ARP[1]],
  ];
  const config = {
    ...DEFAULT_PERMIT_CHECK_CONFIG,
    airport: { ...DEFAULT_PERMIT_CHECK_CONFIG.airport, runwayThresholds: runway },
  };
  /** `metres` north of the runway's eastern threshold's … east of it by `eastM`. */
  const beside = (eastM: number, northM: number): LngLat => [
    (runway[1][0] as number) + eastM / (111_319.49 * Math.cos((ARP[1] * Math.PI) / 180)),
    ARP[1] + northM / metresPerDegreeLat(ARP[1]),
  ];

  it('measures from the nearest point of the centreline (the racetrack), not the reference point', () => {
    const abeam = airportDistance(beside(-100, 3000), config.airport);
    expect(abeam.distanceM).toBeCloseTo(3000, -1);
    const pastEnd = airportDistance(beside(3000, 0), config.airport);
    expect(pastEnd.distanceM).toBeCloseTo(3000, -1);
    expect(localDistanceM(ARP, beside(3000, 0))).toBeGreaterThan(4400);
  });

  it('a 46 m tower 4.5 km from the reference point but 3 km past the runway end fails only with the runway', () => {
    const at = beside(3000, 0);
    expect(airportHeightCheck(at, tower({ heightM: 46 })).result).toBe('pass');
    const fail = airportHeightCheck(at, tower({ heightM: 46 }), config);
    expect(fail.result).toBe('fail');
    expect(fail.geometry?.coordinates).toEqual([runway[1], at]);
  });
});
