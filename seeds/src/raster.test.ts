import { beforeAll, describe, expect, it } from 'vitest';
import { bilinearDensity, loadWorldPop, type PopulationRaster } from './raster.js';

function synthetic(values: number[], width: number): PopulationRaster {
  return {
    width,
    height: values.length / width,
    originLng: 106,
    originLat: 21,
    resolution: 0.01,
    values: Float32Array.from(values),
  };
}

describe('bilinear density', () => {
  it('equals the cell value at a cell centre and interpolates between centres', () => {
    const r = synthetic([0, 100, 200, 300], 2);
    expect(bilinearDensity(r, 106.005, 20.995)).toBeCloseTo(0);
    expect(bilinearDensity(r, 106.015, 20.995)).toBeCloseTo(100);
    expect(bilinearDensity(r, 106.01, 20.995)).toBeCloseTo(50);
    expect(bilinearDensity(r, 106.01, 20.99)).toBeCloseTo(150);
  });

  it('leaves nodata out and gives 0 where everything is nodata', () => {
    const r = synthetic([Number.NaN, 100, Number.NaN, Number.NaN], 2);
    expect(bilinearDensity(r, 106.01, 20.99)).toBeCloseTo(100);
    expect(bilinearDensity(r, 105.5, 20.5)).toBe(0);
  });

  describe('on the real WorldPop grid', () => {
    let raster: PopulationRaster;
    beforeAll(async () => {
      raster = await loadWorldPop();
    });

    it('reads the 229 × 157 Float32 grid with nodata at sea', () => {
      expect(raster.width).toBe(229);
      expect(raster.height).toBe(157);
      expect(raster.resolution).toBeCloseTo(1 / 120, 8);
      expect(raster.values.some((v) => Number.isNaN(v))).toBe(true);
    });

    it('varies smoothly: neighbouring 100 m cells inside one 1 km cell differ, without jumps', () => {
      // Central Hai Phong: a 1 km cell holding the points below.
      const lat = 20.8551;
      const lng0 = 106.6835;
      const a = bilinearDensity(raster, lng0, lat);
      const b = bilinearDensity(raster, lng0 + 0.00096, lat);
      expect(a).toBeGreaterThan(0);
      expect(a).not.toBe(b);
      // A 100 m step changes the density by at most ~1/8 of the neighbouring 1 km cells' spread.
      let maxStep = 0;
      let prev = a;
      for (let i = 1; i < 100; i++) {
        const v = bilinearDensity(raster, lng0 + i * 0.00096, lat);
        maxStep = Math.max(maxStep, Math.abs(v - prev));
        prev = v;
      }
      let spread = 0;
      for (const v of raster.values) if (!Number.isNaN(v)) spread = Math.max(spread, v);
      expect(maxStep).toBeLessThan(spread / 8);
    });
  });
});
