import {
  cite,
  DEFAULT_PERMIT_CHECK_CONFIG,
  PERMIT_BUILDING_TYPE_LABELS,
  type PermitBuildingType,
  type PermitCheckConfig,
} from '@hatang/contracts';
import type { PermitCheck } from './check-types.js';

/** The plan asks the city to regulate cabling and indoor mobile systems in buildings (section V.1, read). */
const PLAN = cite('plan-317-2025-kh-ubnd', 'V.1', { short: true });

/** An in-building application's facts as this check reads them (see contracts permits.ts). */
export interface InBuildingFacts {
  buildingType: PermitBuildingType;
  isShared: boolean;
  /** The operators the system is to serve (organisation ids). */
  operatorOrgIds: readonly string[];
}

/**
 * Shared in-building systems (legal: plan-317-2025-kh-ubnd V.1, read: the plan asks the city to
 * regulate telecom cabling and indoor mobile systems in apartment buildings and public works; the
 * regulation itself is not issued, so no article is cited and nothing is "required"). In the
 * building types `config.inBuilding.sharedPreferredFor` lists, a system not shared by several
 * operators gets `config.inBuilding.notSharedResult` (warn by default) saying shared systems are
 * preferred; a shared one passes; other building types are not_applicable. No geometry: the
 * building is the application's own point.
 */
export function inBuildingSharingCheck(
  facts: InBuildingFacts,
  config: PermitCheckConfig = DEFAULT_PERMIT_CHECK_CONFIG,
): PermitCheck {
  const check = 'in-building-sharing';
  const type = PERMIT_BUILDING_TYPE_LABELS[facts.buildingType];
  const rule = config.inBuilding;
  if (!rule.sharedPreferredFor.includes(facts.buildingType)) {
    return {
      check,
      result: 'not_applicable',
      reason: {
        vi: `Loại công trình “${type.vi.toLowerCase()}” không thuộc danh sách ưu tiên dùng chung hệ thống trong tòa nhà`,
        en: `The building type “${type.en.toLowerCase()}” is not among those where shared in-building systems are preferred`,
      },
    };
  }
  const asks = {
    vi: `${PLAN.vi} giao thành phố quy định việc lắp đặt mạng cáp viễn thông, hệ thống thu phát sóng di động trong nhà chung cư, công trình công cộng`,
    en: `${PLAN.en} asks the city to regulate telecom cabling and indoor mobile systems in apartment buildings and public works`,
  };
  if (facts.isShared) {
    return {
      check,
      result: 'pass',
      reason: {
        vi: `Hệ thống dùng chung cho ${facts.operatorOrgIds.length} doanh nghiệp (${asks.vi}; ưu tiên dùng chung)`,
        en: `A system shared by ${facts.operatorOrgIds.length} operators (${asks.en}; shared systems preferred)`,
      },
    };
  }
  return {
    check,
    result: rule.notSharedResult,
    reason: {
      vi: `Hệ thống không dùng chung trong ${type.vi.toLowerCase()}: ${asks.vi}, quy định này chưa ban hành; ưu tiên hệ thống dùng chung cho nhiều doanh nghiệp`,
      en: `A system not shared, in a building of type “${type.en.toLowerCase()}”: ${asks.en}, a regulation not issued yet; shared systems serving several operators are preferred`,
    },
  };
}
