import { cite } from '@hatang/contracts';
import type { TowerSharingResult } from '../sharing/tower-sharing.js';
import { fmtM, type PermitCheck } from './check-types.js';

/**
/** Hai Duong's rule (now part of Hai Phong), known from its newspaper's summary: article not read. */
const SOURCE = cite('hd-qd-26-2018', undefined, { short: true });

/**
 * Sharing obligation (legal: hd-qd-26-2018, article not read; legal: plan-317-2025-kh-ubnd V.10):
 * a new tower must share an existing tower with free capacity and enough height within the sharing
 * distance (configurable defaults 100 m in wards, 400 m elsewhere; see ../sharing/sharing-distance.ts). With such a
 * host the application fails unless it gives a justification (then warn: the reviewer weighs
 * it). Its geometry is the line from the new tower to the nearest host. Hosts come from
 * `findSharingHosts` (../sharing/tower-sharing.ts) with the tower's top height as required height.
 */
export function sharingObligationCheck(
  at: [number, number],
  sharing: TowerSharingResult,
  justification: string | null | undefined,
): PermitCheck {
  const host = sharing.candidates[0];
  const distance = { vi: fmtM(sharing.sharingDistanceM, 'vi'), en: fmtM(sharing.sharingDistanceM, 'en') };
  if (!host) {
    return {
      check: 'sharing-obligation',
      result: 'pass',
      reason: {
        vi: `Không có trạm hiện có còn chỗ và đủ cao trong phạm vi ${distance.vi}`,
        en: `No existing tower with free capacity and enough height within ${distance.en}`,
      },
    };
  }
  const facts = {
    vi: `trạm hiện có cách ${fmtM(host.distanceM, 'vi')} (cao ${fmtM(host.heightM, 'vi')}, còn ${host.freeTenantSlots} chỗ) trong phạm vi dùng chung ${distance.vi}`,
    en: `an existing tower ${fmtM(host.distanceM, 'en')} away (${fmtM(host.heightM, 'en')} high, ${host.freeTenantSlots} free tenant slots) within the ${distance.en} sharing distance`,
  };
  const justified = !!justification?.trim();
  return {
    check: 'sharing-obligation',
    result: justified ? 'warn' : 'fail',
    reason: justified
      ? {
          vi: `Có ${facts.vi}; hồ sơ nêu lý do không dùng chung`,
          en: `There is ${facts.en}; the application justifies not sharing`,
        }
      : { vi: `Phải dùng chung: ${facts.vi} (${SOURCE.vi})`, en: `Must share: ${facts.en} (${SOURCE.en})` },
    geometry: { type: 'LineString', coordinates: [at, host.position] },
  };
}
