import { describe, expect, it } from 'vitest';
import type { AssetFeature } from '../../lib/types';
import { diffFeatures, geometryChanged } from './diff';

const tower = (properties: Record<string, unknown>, lng = 106.68): AssetFeature => ({
  type: 'Feature',
  id: 't',
  geometry: { type: 'Point', coordinates: [lng, 20.85] },
  properties,
});

describe('the history diff', () => {
  it('lists only the fields that changed, ignoring version and timestamps', () => {
    const before = tower({ code: 'T1', heightM: 30, version: 1, updatedAt: 'a' });
    const after = tower({ code: 'T1', heightM: 42, version: 2, updatedAt: 'b' });
    expect(diffFeatures(before, after)).toEqual([{ key: 'heightM', before: 30, after: 42 }]);
    expect(geometryChanged(before, after)).toBe(false);
  });

  it('shows every field of a created feature, and notices a move', () => {
    expect(diffFeatures(null, tower({ code: 'T1', version: 1 }))).toEqual([
      { key: 'code', before: undefined, after: 'T1' },
    ]);
    expect(geometryChanged(tower({}), tower({}, 106.7))).toBe(true);
  });
});
