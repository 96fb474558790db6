import { describe, expect, it } from 'vitest';
import { boundsOf, previewFeatures } from './use-preview-layer';

describe('the import preview on the map', () => {
  const preview = [
    {
      row: 1,
      geometry: { type: 'Point' as const, coordinates: [106.68, 20.85] },
      source: {},
      properties: { code: 'A' },
    },
    { row: 2, geometry: null, source: {}, properties: null },
    {
      row: 3,
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [106.67, 20.86],
          [106.69, 20.84],
        ],
      },
      source: {},
      properties: null,
    },
  ];

  it('draws the rows that have a geometry, marking the ones with problems', () => {
    const collection = previewFeatures(preview);
    expect(collection.features.map((f) => f.properties)).toEqual([
      { row: 1, valid: true },
      { row: 3, valid: false },
    ]);
  });

  it('fits the view to every position of every row (west, south, east, north)', () => {
    expect(boundsOf(previewFeatures(preview))).toEqual([106.67, 20.84, 106.69, 20.86]);
    expect(boundsOf(previewFeatures([]))).toBeNull();
  });
});
