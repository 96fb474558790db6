import type { PolygonGeometry } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { metresPerDegreeLng } from '../coverage/local-metric.js';
import { corridorZoneConflicts, type ZoneInput } from './sea-zone-crossings.js';

// A 0.01° square anchorage in the Gulf of Tonkin off Đồ Sơn.
const square = (x: number, y: number, d: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});
const anchorage: ZoneInput = {
  id: 'a',
  kind: 'anchorage',
  name: 'Neo đậu',
  geometry: square(106.9, 20.6, 0.01),
};
const heritage: ZoneInput = {
  id: 'h',
  kind: 'heritage',
  name: 'Di tích',
  geometry: square(106.9, 20.6, 0.01),
};
const across = {
  type: 'LineString' as const,
  coordinates: [
    [106.89, 20.605],
    [106.92, 20.605],
  ] as [number, number][],
};

describe('corridor vs sea zones', () => {
  it('flags a corridor crossing an anchorage, with the overlap: width × the zone’s east–west extent', () => {
    const [conflict, ...rest] = corridorZoneConflicts(across, 200, [anchorage]);
    expect(rest).toHaveLength(0);
    expect(conflict).toMatchObject({ check: 'corridor_sea_zone', severity: 'warning', zoneId: 'a' });
    // By hand: 200 m × 0.01° of longitude at 20.605° N (≈ 1042 m) ≈ 208 000 m².
    const expected = 200 * 0.01 * metresPerDegreeLng(20.605);
    expect(conflict!.areaM2! / expected).toBeCloseTo(1, 2);
    expect(conflict!.geometry?.type).toBe('Polygon');
  });

  it('ignores land zones and corridors that pass clear of the zone', () => {
    expect(corridorZoneConflicts(across, 200, [heritage])).toEqual([]);
    // 0.002° (≈ 222 m) north of the zone: a 200 m corridor (100 m each side) stays clear, a 500 m one does not.
    const north = {
      type: 'LineString' as const,
      coordinates: [
        [106.89, 20.612],
        [106.92, 20.612],
      ] as [number, number][],
    };
    expect(corridorZoneConflicts(north, 200, [anchorage])).toEqual([]);
    expect(corridorZoneConflicts(north, 500, [anchorage])).toHaveLength(1);
  });
});
