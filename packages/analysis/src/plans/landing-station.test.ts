import { describe, expect, it } from 'vitest';
import { metresPerDegreeLng } from '../coverage/local-metric.js';
import { landIndex } from './land-index.js';
import { checkLandingStation } from './landing-station.js';

// An island 0.1° square whose west edge lies on the clip box (a cut, not coast).
const island = landIndex(
  [
    {
      type: 'Polygon',
      coordinates: [
        [
          [107.0, 20.5],
          [107.1, 20.5],
          [107.1, 20.6],
          [107.0, 20.6],
          [107.0, 20.5],
        ],
      ],
    },
  ],
  [107.0, 20.0, 108.0, 21.0],
);

describe('landing station siting', () => {
  it('rejects a landing station at sea', () => {
    const verdict = checkLandingStation([107.15, 20.55], island);
    expect(verdict.ok).toBe(false);
    // 0.05° of longitude east of the east coast.
    expect(verdict.distanceToCoastM).toBeCloseTo(0.05 * metresPerDegreeLng(20.55), -1);
  });

  it('accepts one 500 m from the coast and flags one 3 km inland', () => {
    const near = checkLandingStation([107.1 - 500 / metresPerDegreeLng(20.55), 20.55], island);
    expect(near).toMatchObject({ ok: true, results: [], distanceToCoastM: 500 });
    const inland = checkLandingStation([107.1 - 3000 / metresPerDegreeLng(20.55), 20.55], island);
    expect(inland.ok && inland.results[0]).toMatchObject({
      check: 'landing_station_inland',
      distanceM: 3000,
    });
  });

  it('does not count the clip-box edge as coast', () => {
    // 100 m east of the west edge (a cut): the nearest real coast is the north/south edge, ~5.5 km away.
    const verdict = checkLandingStation([107.0 + 100 / metresPerDegreeLng(20.55), 20.55], island);
    expect(verdict.ok && verdict.distanceToCoastM).toBeGreaterThan(5000);
  });
});
