import { type CheckGeometry, fmtM, type PermitCheck } from './check-types.js';

/** An application or an asset near the works (the caller finds them within the configured distance). */
export interface NearbyRecord {
  source: 'application' | 'asset';
  id: string;
  label: string;
  distanceM: number;
  geometry: CheckGeometry;
  /**
   * An application filed by another organisation than the applicant's: the applicant may learn
   * only that it exists nearby (not its title, owner, place or distance). Assets are on the
   * city's public map and the applicant's own applications are its own: those are shown.
   */
  isOthers?: boolean;
}

const pass = (duplicateDistanceM: number): PermitCheck => ({
  check: 'duplicate',
  result: 'pass',
  reason: {
    vi: `Không có hồ sơ hay công trình nào trong phạm vi ${fmtM(duplicateDistanceM, 'vi')}`,
    en: `No application or asset within ${fmtM(duplicateDistanceM, 'en')}`,
  },
});

const closeBy = (nearby: readonly NearbyRecord[], duplicateDistanceM: number) =>
  nearby.filter((r) => r.distanceM <= duplicateDistanceM).sort((a, b) => a.distanceM - b.distanceM);

const named = (r: NearbyRecord) =>
  r.source === 'application'
    ? {
        vi: `hồ sơ “${r.label}” (${fmtM(Math.round(r.distanceM), 'vi')})`,
        en: `application “${r.label}” (${fmtM(Math.round(r.distanceM), 'en')})`,
      }
    : {
        vi: `công trình ${r.label} (${fmtM(Math.round(r.distanceM), 'vi')})`,
        en: `asset ${r.label} (${fmtM(Math.round(r.distanceM), 'en')})`,
      };

/**
 * Duplicate, as the Construction Department sees it: another live application (not withdrawn or
 * rejected) or an existing asset of the same kind within `duplicateDistanceM` suggests the same
 * works filed twice or already built → warn, for the reviewer to compare, naming each record.
 * Its geometry is the nearest such record.
 */
export function duplicateCheck(nearby: readonly NearbyRecord[], duplicateDistanceM: number): PermitCheck {
  const close = closeBy(nearby, duplicateDistanceM);
  const first = close[0];
  if (!first) return pass(duplicateDistanceM);
  return {
    check: 'duplicate',
    result: 'warn',
    reason: {
      vi: `Trùng vị trí với ${close.map((r) => named(r).vi).join(', ')}`,
      en: `At the same place as ${close.map((r) => named(r).en).join(', ')}`,
    },
    geometry: first.geometry,
  };
}

/**
 * Duplicate, as the applicant (and anyone but city staff) sees it: the same outcome as
 * duplicateCheck, but another organisation's application is told only as existing within
 * `duplicateDistanceM` — no title, owner, count, distance or geometry, so rival operators cannot
 * read each other's plans through it. Its geometry is the nearest record the applicant may see
 * (its own application or an asset), none when only others' applications are close.
 */
export function duplicateCheckForApplicant(
  nearby: readonly NearbyRecord[],
  duplicateDistanceM: number,
): PermitCheck {
  const close = closeBy(nearby, duplicateDistanceM);
  if (close.length === 0) return pass(duplicateDistanceM);
  const visible = close.filter((r) => !r.isOthers);
  const hasOthers = visible.length < close.length;
  const parts = visible.map(named);
  if (hasOthers)
    parts.push({
      vi: `hồ sơ của tổ chức khác trong phạm vi ${fmtM(duplicateDistanceM, 'vi')} (Sở Xây dựng sẽ đối chiếu)`,
      en: `another organisation's application within ${fmtM(duplicateDistanceM, 'en')} (the Construction Department compares them)`,
    });
  const check: PermitCheck = {
    check: 'duplicate',
    result: 'warn',
    reason: {
      vi: `Trùng vị trí với ${parts.map((p) => p.vi).join(', ')}`,
      en: `At the same place as ${parts.map((p) => p.en).join(', ')}`,
    },
  };
  const first = visible[0];
  return first ? { ...check, geometry: first.geometry } : check;
}
