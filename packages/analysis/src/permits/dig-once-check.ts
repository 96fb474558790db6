import { cite } from '@hatang/contracts';
import { type CivilWork, digOnceMatches } from '../sharing/dig-once.js';
import type { LngLat } from '../sharing/metric.js';
import type { PermitCheck } from './check-types.js';

/** Operators build passive works together with other technical infrastructure (read). */
const BUILD_TOGETHER = cite('plan-317-2025-kh-ubnd', 'V.10', { short: true });

/** A scheduled civil work with the names the notice shows. */
export interface NamedCivilWork extends CivilWork {
  name: string;
  ownerName: string;
}

/**
 * Dig-once: passive telecom works built together with other sectors' works — roads, power,
 * water, lighting, drainage (legal: plan-317-2025-kh-ubnd V.10; legal: decree-72-2012-nd-cp on
 * sharing technical infrastructure, not read): duct or trench works running alongside a scheduled
 * civil work (within `bufferM`, for at least `minSharedM`) in an overlapping window warn with the
 * condition "coordinate with …". Matching reuses ../sharing/dig-once.ts. Geometry: the shared
 * stretches along the works.
 */
export function digOnceCheck(
  works: { coordinates: LngLat[]; startsOn: string; endsOn: string; ownerOrgId: string },
  civil: readonly NamedCivilWork[],
  options: { bufferM: number; minSharedM: number },
): PermitCheck {
  const matches = digOnceMatches([{ id: 'application', kind: 'duct', ...works }], civil, options);
  if (matches.length === 0) {
    return {
      check: 'dig-once',
      result: 'pass',
      reason: {
        vi: 'Không trùng tuyến và thời gian với công trình hạ tầng nào đã lên lịch',
        en: 'Overlaps no scheduled civil work in place and time',
      },
    };
  }
  const byId = new Map(civil.map((c) => [c.id, c]));
  const names = matches.map((m) => {
    const c = byId.get(m.civilWorkId);
    return `${c?.name ?? m.civilWorkId} (${c?.ownerName ?? m.civilOrgId}, ${m.window.startsOn} – ${m.window.endsOn})`;
  });
  return {
    check: 'dig-once',
    result: 'warn',
    reason: {
      vi: `Phối hợp thi công với: ${names.join('; ')} (${BUILD_TOGETHER.vi})`,
      en: `Coordinate with: ${names.join('; ')} (${BUILD_TOGETHER.en})`,
    },
    geometry: { type: 'MultiLineString', coordinates: matches.flatMap((m) => m.shared) },
  };
}
