/** Fixture helpers for the sharing tests: positions at exact metre offsets. */
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';
import type { LngLat } from './metric.js';

/** `origin` moved `eastM` metres east and `northM` metres north (exact at the origin's latitude). */
export function offset(origin: LngLat, eastM: number, northM = 0): LngLat {
  return [
    origin[0] + eastM / metresPerDegreeLng(origin[1]),
    origin[1] + northM / metresPerDegreeLat(origin[1]),
  ];
}
