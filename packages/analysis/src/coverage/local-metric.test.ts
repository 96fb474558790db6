import { describe, expect, it } from 'vitest';
import { localDistanceM, metresPerDegreeLat, metresPerDegreeLng } from './local-metric.js';

describe('local ellipsoidal metric', () => {
  it('gives the WGS 84 length of a degree at 21° N', () => {
    // Meridian arc per degree: 111132.954 − 559.822 cos 2φ + 1.175 cos 4φ (m).
    const phi = (21 * Math.PI) / 180;
    const arc = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    expect(metresPerDegreeLat(21)).toBeCloseTo(arc, 0);
    // Parallel: π/180 · a cos φ / √(1 − e² sin² φ) = 103,970.7 m.
    expect(metresPerDegreeLng(21)).toBeCloseTo(103_970.7, 0);
  });

  it('agrees with haversine within the sphere-vs-ellipsoid 0.5 % and is symmetric', () => {
    const a: [number, number] = [106.68, 20.86];
    const b: [number, number] = [106.72, 20.89];
    const hav = 5_329.07; // haversine distance of a–b on the IUGG sphere (Turf)
    const d = localDistanceM(a, b);
    expect(Math.abs(d - hav) / hav).toBeLessThan(0.005);
    expect(localDistanceM(b, a)).toBeCloseTo(d, 9);
  });
});
