import { describe, expect, it } from 'vitest';
import type { LngLat } from './metric.js';
import { offset } from './test-helpers.js';
import {
  type AerialCable,
  type StreetInput,
  type UndergroundTarget,
  undergroundingCandidates,
} from './undergrounding.js';

const origin: LngLat = [106.68, 20.86];
const at = (e: number, n = 0) => offset(origin, e, n);

const cable = (id: string, northM: number, fromM = 0, toM = 500): AerialCable => ({
  id,
  ownerOrgId: 'op',
  coordinates: [at(fromM, northM), at(toM, northM)],
});

describe('undergroundingCandidates', () => {
  const targets: UndergroundTarget[] = [
    { id: 'duct', kind: 'spare_duct', coordinates: [at(0), at(300)] },
    { id: 'works', kind: 'planned_civil_work', coordinates: [at(0, 1000), at(200, 1000)] },
  ];
  const streets: StreetInput[] = [
    { id: 'main', name: 'Lạch Tray', streetClass: 'primary', coordinates: [at(-100, 1005), at(600, 1005)] },
    { id: 'lane', name: 'Ngõ 5', streetClass: 'local', coordinates: [at(-100, 3), at(600, 3)] },
  ];

  it('finds the stretch of aerial cable within 10 m of a spare duct or a planned work, ranked by length × street priority', () => {
    const result = undergroundingCandidates(
      [cable('beside-duct', 6), cable('beside-works', 1008), cable('too-far', 30)],
      targets,
      streets,
    );
    expect(result.map((c) => [c.rank, c.cableRouteId])).toEqual([
      [1, 'beside-works'], // ≈ 208 m × 3 (primary) ≈ 624
      [2, 'beside-duct'], // ≈ 308 m × 1 (local) ≈ 308
    ]);
    const [works, duct] = result;
    // 8 m aside a work ending at 200 m: alongside until 200 + √(10² − 8²) = 206 m.
    expect(works?.lengthM).toBeGreaterThan(203);
    expect(works?.lengthM).toBeLessThan(210);
    expect(works).toMatchObject({
      streetClass: 'primary',
      streetName: 'Lạch Tray',
      civilWorkIds: ['works'],
      spareDuctIds: [],
    });
    expect(duct).toMatchObject({ streetClass: 'local', streetPriority: 1, spareDuctIds: ['duct'] });
    expect(duct?.lengthM).toBeGreaterThan(303);
    expect(duct?.lengthM).toBeLessThan(312);
  });

  it('skips stretches shorter than the minimum', () => {
    // From 295 m, 6 m aside a duct ending at 300 m: alongside for 300 + 8 − 295 = 13 m < 20 m.
    expect(
      undergroundingCandidates([cable('short', 6, 295, 500)], targets, streets, { minLengthM: 20 }),
    ).toEqual([]);
  });
});
