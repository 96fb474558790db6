import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.js';
import { Rng } from './random.js';

const sum = (a: Int32Array): number => a.reduce((s, v) => s + v, 0);

describe('apportion (largest remainder)', () => {
  it('sums exactly to the total for random weights', () => {
    const rng = new Rng(1);
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(1, 500);
      const weights = Array.from({ length: n }, () => (rng.chance(0.2) ? 0 : rng.range(0, 1000)));
      const total = rng.int(0, 200_000);
      const out = apportion(total, weights);
      expect(sum(out)).toBe(total);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    }
  });

  it('is proportional: each share within 1 of its exact quota', () => {
    const weights = [1, 2, 3, 4, 0.5, 0];
    const out = apportion(1001, weights);
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      expect(Math.abs(out[i]! - (1001 * w) / total)).toBeLessThan(1);
    });
    expect(out[5]).toBe(0);
  });

  it('spreads evenly when every weight is zero', () => {
    expect([...apportion(10, [0, 0, 0])]).toEqual([4, 3, 3]);
    expect([...apportion(7, [0])]).toEqual([7]);
  });

  it('breaks ties towards the lower index', () => {
    expect([...apportion(2, [1, 1, 1])]).toEqual([1, 1, 0]);
  });

  it('rejects impossible input', () => {
    expect(() => apportion(5, [])).toThrow();
    expect(() => apportion(5, [1, Number.NaN])).toThrow();
  });
});
