import { describe, expect, it } from 'vitest';
import { toVn2000Survey } from './vn2000';

describe('toVn2000Survey', () => {
  it('labels the Hai Phong Opera House as X = northing, Y = easting in EPSG:9210', () => {
    // Reference (packages/geo): Opera House ≈ E 596 852, N 2 307 426.
    const { X, Y } = toVn2000Survey(106.6824, 20.8573);
    expect(X).toBeGreaterThan(2_307_000);
    expect(X).toBeLessThan(2_308_000);
    expect(Y).toBeGreaterThan(596_500);
    expect(Y).toBeLessThan(597_200);
  });
});
