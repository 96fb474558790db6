import { describe, expect, it } from 'vitest';
import type { TowerInput } from '../coverage/coverage-model.js';
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';
import { DEFAULT_RADIUS_TABLE } from '../coverage/radius-table.js';
import { type KeySiteStatusInput, keySiteStatus, tallyKeySiteStatus } from './key-site-status.js';
import type { SitePosition } from './site-geometry.js';

const ORIGIN: [number, number] = [106.68, 20.86];
/** The position `eastM` metres east and `northM` metres north of ORIGIN (same local plane as the module). */
const at = (eastM: number, northM = 0): [number, number] => [
  ORIGIN[0] + eastM / metresPerDegreeLng(ORIGIN[1]),
  ORIGIN[1] + northM / metresPerDegreeLat(ORIGIN[1]),
];
/** A 1 km east–west line `northM` metres north of ORIGIN. */
const lineAt = (northM: number): SitePosition[] => [at(-500, northM), at(500, northM)];
const pointSite = { id: 'p', geometry: { type: 'Point' as const, coordinates: ORIGIN } };
/** A 100 m × 100 m square with its south-west corner at ORIGIN. */
const squareSite = {
  id: 'sq',
  geometry: {
    type: 'Polygon' as const,
    coordinates: [[at(0, 0), at(100, 0), at(100, 100), at(0, 100), at(0, 0)]],
  },
};
const none: Omit<KeySiteStatusInput, 'sites'> = { fiberLines: [], wifiPoints: [], towers: [] };
const only = (input: KeySiteStatusInput) => {
  const [status] = keySiteStatus(input);
  if (!status) throw new Error('no status');
  return status;
};
const tower = (id: string, eastM: number, technologies: string[], operatorId = 'op-a'): TowerInput => {
  const [lng, lat] = at(eastM);
  return {
    id,
    lng,
    lat,
    heightM: 30,
    tenantsMax: 3,
    tenancies: [{ operatorId, technologies, mountHeightM: 30 }],
  };
};

describe('keySiteStatus: fiber', () => {
  it('has fiber with a fiber route 199 m away and not 201 m away (default 200 m)', () => {
    expect(only({ ...none, sites: [pointSite], fiberLines: [lineAt(199)] }).hasFiber).toBe(true);
    const far = only({ ...none, sites: [pointSite], fiberLines: [lineAt(201)] });
    expect(far.hasFiber).toBe(false);
    expect(far.fiberDistanceM).toBeCloseTo(201, 1);
  });

  it('follows a configured distance: 499 m in and 501 m out at 500 m', () => {
    const opts = { ...none, sites: [pointSite], fiberDistanceM: 500 };
    expect(only({ ...opts, fiberLines: [lineAt(499)] }).hasFiber).toBe(true);
    expect(only({ ...opts, fiberLines: [lineAt(501)] }).hasFiber).toBe(false);
  });

  it('measures a polygon site from its edge, and a line through it is at 0 m', () => {
    // The square's north edge is at 100 m: a line at 299 m is 199 m from it.
    expect(only({ ...none, sites: [squareSite], fiberLines: [lineAt(299)] }).hasFiber).toBe(true);
    expect(only({ ...none, sites: [squareSite], fiberLines: [lineAt(301)] }).hasFiber).toBe(false);
    const through = only({ ...none, sites: [squareSite], fiberLines: [lineAt(50)] });
    expect(through.hasFiber).toBe(true);
    expect(through.fiberDistanceM).toBe(0);
  });

  it('reports no distance when nothing is within 1 km', () => {
    expect(only({ ...none, sites: [pointSite], fiberLines: [lineAt(1500)] }).fiberDistanceM).toBeNull();
  });
});

describe('keySiteStatus: WiFi', () => {
  it('has WiFi with a point 99 m away and not 101 m away (default 100 m)', () => {
    expect(only({ ...none, sites: [pointSite], wifiPoints: [at(99)] }).hasWifi).toBe(true);
    expect(only({ ...none, sites: [pointSite], wifiPoints: [at(101)] }).hasWifi).toBe(false);
  });

  it('counts a WiFi point inside a polygon site, and one 99 m off its east edge', () => {
    expect(only({ ...none, sites: [squareSite], wifiPoints: [at(50, 50)] }).hasWifi).toBe(true);
    expect(only({ ...none, sites: [squareSite], wifiPoints: [at(199, 50)] }).hasWifi).toBe(true);
    expect(only({ ...none, sites: [squareSite], wifiPoints: [at(201, 50)] }).hasWifi).toBe(false);
  });

  it('follows a configured distance: 249 m in and 251 m out at 250 m', () => {
    const opts = { ...none, sites: [pointSite], wifiDistanceM: 250 };
    expect(only({ ...opts, wifiPoints: [at(249)] }).hasWifi).toBe(true);
    expect(only({ ...opts, wifiPoints: [at(251)] }).hasWifi).toBe(false);
  });
});

describe('keySiteStatus: 4G and 5G from the coverage model', () => {
  // Suburban (the default environment) at the 30 m reference height: 4G 1 600 m, 5G-sub6 900 m.
  const r4 = DEFAULT_RADIUS_TABLE['4G'].suburban;
  const r5 = DEFAULT_RADIUS_TABLE['5G-sub6'].suburban;

  it('has 4G just inside the serving radius and not just outside', () => {
    expect(only({ ...none, sites: [pointSite], towers: [tower('t', r4 - 1, ['4G'])] }).has4g).toBe(true);
    expect(only({ ...none, sites: [pointSite], towers: [tower('t', r4 + 1, ['4G'])] }).has4g).toBe(false);
  });

  it('has 5G just inside the 5G radius and not outside, whatever 4G reaches', () => {
    const inside = only({ ...none, sites: [pointSite], towers: [tower('t', r5 - 1, ['4G', '5G'])] });
    expect([inside.has4g, inside.has5g]).toEqual([true, true]);
    const outside = only({ ...none, sites: [pointSite], towers: [tower('t', r5 + 1, ['4G', '5G'])] });
    expect([outside.has4g, outside.has5g]).toEqual([true, false]);
  });

  it("uses the tower's environment: urban 4G reaches 800 m", () => {
    const urban = { ...none, sites: [pointSite], environmentOf: () => 'urban' as const };
    const ru = DEFAULT_RADIUS_TABLE['4G'].urban;
    expect(only({ ...urban, towers: [tower('t', ru - 1, ['4G'])] }).has4g).toBe(true);
    expect(only({ ...urban, towers: [tower('t', ru + 1, ['4G'])] }).has4g).toBe(false);
  });

  it('ignores operators that do not count', () => {
    const input = { ...none, sites: [pointSite], towers: [tower('t', 100, ['4G'], 'op-b')] };
    expect(only({ ...input, operators: ['op-a'] }).has4g).toBe(false);
    expect(only(input).has4g).toBe(true);
  });

  it("replaces the radius model by an operator's coverage polygon for that technology", () => {
    const [w, s] = at(-2000, -2000);
    const [e, n] = at(2000, 2000);
    const polygon = {
      operatorId: 'op-a',
      technology: '5G-sub6' as const,
      multiPolygon: [
        [
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ],
        ],
      ],
    };
    // No tower, but the operator's polygon covers the site.
    expect(only({ ...none, sites: [pointSite], polygons: [polygon] }).has5g).toBe(true);
    // A tower right next to the site does not give 5G when the operator's polygon leaves it out.
    const away = {
      ...polygon,
      multiPolygon: [[[at(5000, 5000), at(6000, 5000), at(6000, 6000), at(5000, 5000)]]],
    };
    expect(
      only({ ...none, sites: [pointSite], towers: [tower('t', 10, ['5G'])], polygons: [away] }).has5g,
    ).toBe(false);
  });
});

describe('tallyKeySiteStatus', () => {
  it('counts flagged sites per group', () => {
    const sites = [
      pointSite,
      { ...squareSite },
      { id: 'far', geometry: { type: 'Point' as const, coordinates: at(5000) } },
    ];
    const statuses = keySiteStatus({ ...none, sites, fiberLines: [lineAt(150)], wifiPoints: [at(20)] });
    const group = (id: string) => (id === 'far' ? 'school' : 'hospital');
    const tally = tallyKeySiteStatus(statuses, (s) => group(s.id));
    expect(tally.get('hospital')).toEqual({ total: 2, withFiber: 2, with4g: 0, with5g: 0, withWifi: 2 });
    expect(tally.get('school')).toEqual({ total: 1, withFiber: 0, with4g: 0, with5g: 0, withWifi: 0 });
  });
});
