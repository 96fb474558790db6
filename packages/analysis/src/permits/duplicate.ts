import type { CheckGeometry, PermitCheck } from './check-types.js';

/** An application or an asset near the works (the caller finds them within the configured distance). */
export interface NearbyRecord {
  source: 'application' | 'asset';
  id: string;
  label: string;
  distanceM: number;
  geometry: CheckGeometry;
}

/**
 * Duplicate: another live application (not withdrawn or rejected) or an existing asset of the same
 * kind within `duplicateDistanceM` suggests the same works filed twice or already built → warn,
 * for the reviewer to compare. Its geometry is the nearest such record.
 */
export function duplicateCheck(nearby: readonly NearbyRecord[], duplicateDistanceM: number): PermitCheck {
  const close = nearby
    .filter((r) => r.distanceM <= duplicateDistanceM)
    .sort((a, b) => a.distanceM - b.distanceM);
  const first = close[0];
  if (!first) {
    return {
      check: 'duplicate',
      result: 'pass',
      reason: {
        vi: `Không có hồ sơ hay công trình nào trong phạm vi ${duplicateDistanceM} m`,
        en: `No application or asset within ${duplicateDistanceM} m`,
      },
    };
  }
  const what = (r: NearbyRecord) =>
    r.source === 'application'
      ? { vi: `hồ sơ “${r.label}”`, en: `application “${r.label}”` }
      : { vi: `công trình ${r.label}`, en: `asset ${r.label}` };
  return {
    check: 'duplicate',
    result: 'warn',
    reason: {
      vi: `Trùng vị trí với ${close.map((r) => `${what(r).vi} (${Math.round(r.distanceM)} m)`).join(', ')}`,
      en: `At the same place as ${close.map((r) => `${what(r).en} (${Math.round(r.distanceM)} m)`).join(', ')}`,
    },
    geometry: first.geometry,
  };
}
