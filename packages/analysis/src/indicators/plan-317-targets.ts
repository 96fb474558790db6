/**
 * legal: plan-317-2025-kh-ubnd — Plan 317/KH-UBND (Hai Phong People's Committee, 02/12/2025,
 * "Phát triển hạ tầng số trên địa bàn thành phố Hải Phòng giai đoạn 2026–2030"), section II.2 "Mục tiêu đến năm 2030" and
 * section III.1, as the targets the indicators are measured against. This is the one place the
 * targets live: when the city revises the plan, change them here (the wording is quoted so a
 * reader can check each number against the plan; OCR text in ../shared/reference/).
 *
 * Indicators without an entry have no number in the plan (e.g. km of cable put underground,
 * ducts, landing stations): the plan asks for them as tasks, not as figures, and the UI shows the
 * register and the plan without a target.
 */
import { cite, type IndicatorTarget } from '@hatang/contracts';

export const PLAN_317_TARGET_YEAR = 2030;

/** "Plan 317, section II.2", from the legal-sources registry (the plan's sections were read). */
const section = (...refs: string[]) => cite('plan-317-2025-kh-ubnd', refs, { short: true }).en;

const target = (
  value: number,
  source: string,
  wordingVi: string,
  wordingEn: string,
  max?: number,
): IndicatorTarget => ({
  value,
  ...(max === undefined ? {} : { max }),
  year: PLAN_317_TARGET_YEAR,
  source,
  wordingVi,
  wordingEn,
  assumption: false,
});

const BROADBAND_SITES_VI =
  'Đảm bảo mạng Internet băng thông rộng, tốc độ cao được phủ 100% các cảng biển, khu công nghệ thông tin tập trung, ' +
  'khu công nghiệp, trung tâm nghiên cứu, phát triển, đổi mới sáng tạo, cơ quan nhà nước, trường học, bệnh viện, ' +
  'khu thương mại và các địa điểm du lịch trên địa bàn thành phố';
const BROADBAND_SITES_EN =
  'High-speed broadband at 100 % of seaports, IT parks, industrial parks, research and innovation centres, state ' +
  'agencies, schools, hospitals, commercial areas and tourist sites';

/** Targets by indicator key (see compute-indicators.ts for the keys). */
export const PLAN_317_TARGETS: Readonly<Record<string, IndicatorTarget>> = {
  population5gPercent: target(
    100,
    section('II.2'),
    'Mạng băng rộng di động 5G phủ sóng 100% dân số',
    '5G mobile broadband covers 100 % of the population',
  ),
  keySitesFiberPercent: target(100, section('III.1'), BROADBAND_SITES_VI, BROADBAND_SITES_EN),
  keySites5gPercent: target(
    100,
    section('II.2', 'III.1'),
    'Mạng băng rộng di động 5G phủ sóng 100% dân số; đầu tư nâng cấp mở rộng hạ tầng 5G tại các khu vực trọng điểm',
    '5G for 100 % of the population, upgraded first at the key areas (administrative centres, heritage and tourist sites, health, universities, transport hubs, commercial centres)',
  ),
  communeWifiPercent: target(
    100,
    section('II.2'),
    'Tỷ lệ Nhà Văn hóa thôn, khu dân cư, trung tâm của xã, phường, đặc khu có Wifi kết nối Internet tốc độ cao phục vụ miễn phí đạt 100%',
    'Free high-speed WiFi at 100 % of village and residential-area cultural houses and commune, ward and special-zone centres',
  ),
  greenDataCentres: target(
    2,
    section('II.2'),
    'Hỗ trợ các doanh nghiệp triển khai đầu tư từ 02-03 Trung tâm dữ liệu mới đạt tiêu chuẩn xanh theo các tiêu chuẩn quốc tế',
    'Support businesses to invest in 2–3 new data centres meeting international green standards',
    3,
  ),
};

/**
 * Plan 317's 2030 target that no single indicator of a passive register measures, kept here so
 * the UI can cite it beside the key-site fiber figure (the proxy Hatang can compute).
 */
export const PLAN_317_FIBER_USERS = target(
  100,
  section('II.2'),
  '100% người sử dụng có khả năng truy nhập cáp quang với tốc độ 1Gbps trở lên',
  '100 % of users can access fiber at 1 Gbps or more',
);

/**
 * The indicators Plan 317 sets a 2030 target for: the ones the city may give an interim target
 * for the 2027 milestone (a planning assumption, `/api/v1/interim-targets`).
 */
export const PLAN_317_TARGET_KEYS: readonly string[] = [
  ...Object.keys(PLAN_317_TARGETS),
  'fiber1GbpsHomesPercent',
];
