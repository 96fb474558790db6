import { describe, expect, it } from 'vitest';
import type { AdminUnitCollection } from '../lib/types';
import { labelPolygons } from './admin-unit-labels';

describe('labelPolygons', () => {
  it('keeps only the largest island of a multi-part unit, so its name is drawn once', () => {
    const small = [
      [
        [0, 0],
        [0.1, 0],
        [0.1, 0.1],
        [0, 0],
      ],
    ];
    const large = [
      [
        [1, 1],
        [2, 1],
        [2, 2],
        [1, 2],
        [1, 1],
      ],
    ];
    const units: AdminUnitCollection = {
      type: 'FeatureCollection',
      next: null,
      features: [
        {
          type: 'Feature',
          id: '11737',
          geometry: { type: 'MultiPolygon', coordinates: [small, large] },
          properties: {
            code: '11737',
            name: 'Cát Hải',
            unitType: 'special_zone',
            formerDistrict: 'Cát Hải',
            areaKm2: 312.4,
            population: 33_000,
            labelPoint: { type: 'Point', coordinates: [106.9, 20.8] },
          },
        },
      ],
    };
    const [label] = labelPolygons(units).features;
    expect(label?.geometry.coordinates).toEqual(large);
    expect(label?.properties.name).toBe('Cát Hải');
  });
});
