/**
 * The real WorldPop 2020 1 km population grid (people per ~1 km² cell, Float32, nodata −99999
 * at sea) and bilinear interpolation of its density between cell centres, so 100 m cells vary
 * smoothly inside a 1 km cell instead of copying its block value.
 */

import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';
import { DATA_DIR } from './admin-units.js';

export interface PopulationRaster {
  width: number;
  height: number;
  /** West edge of the first column and north edge of the first row, degrees. */
  originLng: number;
  originLat: number;
  /** Cell size in degrees (square cells). */
  resolution: number;
  /** Row-major values, north row first; nodata cells hold NaN. */
  values: Float32Array;
}

export const WORLDPOP_FILE = 'hai-phong-population-1km-worldpop2020.tif';
const NODATA = -99999;

export async function loadWorldPop(path = `${DATA_DIR}/${WORLDPOP_FILE}`): Promise<PopulationRaster> {
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const tiff = await fromArrayBuffer(buffer);
  const image = await tiff.getImage();
  const raster = await image.readRasters({ interleave: true });
  const [originLng, originLat] = image.getOrigin() as [number, number];
  const [resolution] = image.getResolution() as [number, number];
  const values = new Float32Array(raster.length);
  for (let i = 0; i < raster.length; i++) {
    const v = Number(raster[i]);
    values[i] = v <= NODATA / 2 || !Number.isFinite(v) ? Number.NaN : v;
  }
  return { width: image.getWidth(), height: image.getHeight(), originLng, originLat, resolution, values };
}

function valueAt(r: PopulationRaster, col: number, row: number): number {
  if (col < 0 || row < 0 || col >= r.width || row >= r.height) return Number.NaN;
  return r.values[row * r.width + col]!;
}

/**
 * Density at (lng, lat) by bilinear interpolation between the four surrounding cell centres.
 * Nodata neighbours are left out and the remaining weights renormalised; 0 when all four are nodata.
 */
export function bilinearDensity(r: PopulationRaster, lng: number, lat: number): number {
  const fx = (lng - r.originLng) / r.resolution - 0.5;
  const fy = (r.originLat - lat) / r.resolution - 0.5;
  const c0 = Math.floor(fx);
  const r0 = Math.floor(fy);
  const tx = fx - c0;
  const ty = fy - r0;
  let sum = 0;
  let weight = 0;
  const add = (col: number, row: number, w: number): void => {
    const v = valueAt(r, col, row);
    if (w > 0 && !Number.isNaN(v)) {
      sum += v * w;
      weight += w;
    }
  };
  add(c0, r0, (1 - tx) * (1 - ty));
  add(c0 + 1, r0, tx * (1 - ty));
  add(c0, r0 + 1, (1 - tx) * ty);
  add(c0 + 1, r0 + 1, tx * ty);
  return weight > 0 ? Math.max(0, sum / weight) : 0;
}
