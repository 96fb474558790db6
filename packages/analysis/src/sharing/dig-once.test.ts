import { describe, expect, it } from 'vitest';
import { type CivilWork, digOnceMatches, digOnceNotices, type TelecomWork } from './dig-once.js';
import type { LngLat } from './metric.js';
import { offset } from './test-helpers.js';

const origin: LngLat = [106.68, 20.86];
const at = (e: number, n = 0) => offset(origin, e, n);
const window = { startsOn: '2027-01-01', endsOn: '2027-12-31' };

const duct = (overrides: Partial<TelecomWork> = {}): TelecomWork => ({
  id: 'duct',
  kind: 'duct',
  ownerOrgId: 'op',
  coordinates: [at(0), at(400)],
  ...window,
  ...overrides,
});
const road = (overrides: Partial<CivilWork> = {}): CivilWork => ({
  id: 'road',
  ownerOrgId: 'roads',
  sector: 'road',
  coordinates: [at(100, 10), at(600, 10)],
  startsOn: '2027-06-01',
  endsOn: '2028-06-30',
  ...overrides,
});

describe('digOnceMatches', () => {
  it('matches works 10 m apart over 300 m in overlapping windows, with the shared stretch and the overlap', () => {
    const [match, ...rest] = digOnceMatches([duct()], [road()]);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      telecomWorkId: 'duct',
      civilWorkId: 'road',
      sector: 'road',
      window: { startsOn: '2027-06-01', endsOn: '2027-12-31' },
    });
    // The duct runs from 0 to 400 m; the road from 100 m: alongside from ~90 m (within 15 m of the
    // road's end at 100 m, 10 m aside: √(15² − 10²) ≈ 11 m before it) to 400 m.
    expect(match?.sharedLengthM).toBeGreaterThan(305);
    expect(match?.sharedLengthM).toBeLessThan(318);
    expect(match?.shared).toHaveLength(1);
  });

  it('does not match a civil work outside the schedule window', () => {
    expect(digOnceMatches([duct()], [road({ startsOn: '2028-01-01', endsOn: '2028-12-31' })])).toEqual([]);
  });

  it('does not match works farther apart than the buffer, or alongside for less than the minimum', () => {
    expect(digOnceMatches([duct()], [road({ coordinates: [at(0, 20), at(400, 20)] })])).toEqual([]);
    expect(
      digOnceMatches([duct()], [road({ coordinates: [at(0, 20), at(400, 20)] })], { bufferM: 25 }),
    ).toHaveLength(1);
    // 5 m aside from 370 m: alongside from 370 − √(15² − 5²) ≈ 356 m to 400 m, 44 m < 50 m.
    expect(digOnceMatches([duct()], [road({ coordinates: [at(370, 5), at(900, 5)] })])).toEqual([]);
  });

  it('gives a notice to each side: the operator and the civil works owner', () => {
    const matches = digOnceMatches([duct()], [road()]);
    expect(digOnceNotices(matches).map((n) => [n.orgId, n.role, n.counterpartOrgId])).toEqual([
      ['op', 'telecom', 'roads'],
      ['roads', 'civil', 'op'],
    ]);
    expect(digOnceNotices(matches, 'roads').map((n) => n.role)).toEqual(['civil']);
  });
});
