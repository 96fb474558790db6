import { cite } from '@hatang/contracts';
import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

/** The plan the targets come from (legal: plan-317-2025-kh-ubnd), cited from the registry. */
const PLAN = cite('plan-317-2025-kh-ubnd', undefined, { short: true });

/** Texts of the indicators view and the DII dashboard (features/indicators), Vietnamese first. */
const vi = {
  title: `Chỉ tiêu đến năm 2030 (${PLAN.vi})`,
  commune: 'Phạm vi',
  cityWide: 'Toàn thành phố',
  loading: 'Đang tính chỉ tiêu…',
  failed: 'Không tính được chỉ tiêu: {message}',
  target: 'Mục tiêu',
  actual: 'Hiện trạng',
  planned: 'Theo quy hoạch',
  compare: 'Phương án so sánh',
  milestone: 'Năm {year}',
  milestoneAssumption:
    'Mốc 2027 và hai giai đoạn 2026–2027, 2028–2030 là giả định lập kế hoạch của Hatang, không có trong văn bản Kế hoạch (Kế hoạch đặt mục tiêu đến năm 2030); mốc 2040 theo tầm nhìn của quy hoạch hạ tầng kỹ thuật viễn thông thụ động.',
  noTarget: 'Kế hoạch không đặt con số',
  targetBy: '{value} vào năm {year}',
  targetRange: '{value}–{max} vào năm {year}',
  met: 'Đạt',
  notMet: 'Chưa đạt',
  source: 'Nguồn: {source}',
  unavailable: 'Chưa có: {what}',
  unavailableKeySites: 'chỉ tiêu điểm trọng yếu (sổ đăng ký chưa có điểm nào trong phạm vi này)',
  computedIn: 'Tính trong {ms} ms',
  fromCache: 'từ bộ nhớ đệm',
  versionLabel: 'Phương án: {name}',
  compareLabel: 'So sánh với: {name}',
  people: '{part} / {whole}',
  group_coverage: 'Phủ sóng di động',
  group_keySites: 'Điểm trọng yếu',
  group_wifi: 'WiFi công cộng',
  group_cables: 'Ngầm hóa cáp',
  group_sharing: 'Dùng chung cột ăng-ten',
  group_ducts: 'Cống bể, hào, tuy-nen',
  group_landing: 'Cáp quang biển',
  group_dataCentres: 'Trung tâm dữ liệu',
  group_cityServices: 'Camera giám sát, thiết bị đô thị thông minh',
  group_fiber: 'Cáp quang đến hộ gia đình (FTTH)',
  unit_percent: '%',
  unit_km: 'km',
  unit_count: '',
  unit_ratio: '',
  ind_population5gPercent: 'Dân số được phủ sóng 5G',
  ind_population4gPercent: 'Dân số được phủ sóng 4G',
  ind_keySitesFiberPercent: 'Điểm trọng yếu có cáp quang',
  ind_keySites5gPercent: 'Điểm trọng yếu có sóng 5G',
  ind_communeWifiPercent: 'Nhà văn hóa thôn, trung tâm xã có WiFi miễn phí',
  ind_wifiPoints: 'Điểm WiFi công cộng',
  ind_cableAerialKm: 'Cáp treo (đi nổi)',
  ind_cableUndergroundKm: 'Cáp đi ngầm',
  ind_undergroundingKm: 'Cáp treo được hạ ngầm',
  ind_undergroundCableSharePercent: 'Tỷ lệ cáp đi ngầm',
  ind_towerCount: 'Số cột ăng-ten',
  ind_tenantsPerTower: 'Doanh nghiệp thuê bình quân trên một cột',
  ind_sharedTowerPercent: 'Cột dùng chung (từ 2 doanh nghiệp)',
  ind_plannedTowerAreaTenants: 'Doanh nghiệp dự kiến tại khu vực cột quy hoạch',
  ind_ductKm: 'Cống bể cáp',
  ind_trenchTunnelKm: 'Hào và tuy-nen kỹ thuật',
  ind_landingStations: 'Trạm cập bờ',
  ind_submarineCableKm: 'Tuyến cáp quang biển',
  ind_dataCentres: 'Trung tâm dữ liệu',
  ind_greenDataCentres: 'Trung tâm dữ liệu xanh',
  ind_mainStreetCameraPercent: 'Chiều dài đường, phố chính trong tầm camera giám sát',
  ind_fiberHomesPassedPercent: 'Hộ có cáp quang đi qua (doanh nghiệp báo cáo)',
  ind_fiber1GbpsHomesPercent: 'Hộ có thể dùng cáp quang 1 Gbps trở lên (doanh nghiệp báo cáo)',
  ind_fiberHouseholdsInReachProxyPercent: 'Hộ gần tuyến cáp quang — ước tính gián tiếp',
  ftthNoFigures:
    'Không có số liệu: chưa doanh nghiệp nào báo cáo trong phạm vi này, hoặc số liệu doanh nghiệp chỉ cán bộ thành phố được xem.',
  // DII
  diiTitle: 'Chỉ số phát triển hạ tầng số (DII)',
  diiSource: 'Bộ tiêu chí: {source}',
  diiCatalogue: 'Phiên bản bộ tiêu chí {version}',
  diiLoading: 'Đang tải chỉ số DII…',
  diiFailed: 'Không tải được chỉ số DII: {message}',
  diiSignIn: 'Đăng nhập để xem chỉ số DII.',
  criterion: 'Tiêu chí',
  latest: 'Mới nhất',
  trend: 'Xu hướng',
  live: 'Hatang tính',
  progress: 'Tiến độ',
  trend_improving: 'tăng tốt',
  trend_worsening: 'giảm',
  trend_steady: 'không đổi',
  computedFromRegister: 'tự tính từ sổ đăng ký',
  howComputed: 'Cách tính',
  whyDiffers: 'Vì sao khác số báo cáo',
  differsFromReported: 'Khác số báo cáo: xem cách tính',
  enteredByPlanners: 'nhập bởi cán bộ quy hoạch',
  enterValues: 'Nhập giá trị năm',
  year: 'Năm',
  save: 'Lưu',
  saving: 'Đang lưu…',
  saved: 'Đã lưu giá trị năm {year}.',
  computeNow: 'Tự tính các tiêu chí từ sổ đăng ký cho năm {year}',
  computed: 'Đã lưu giá trị tự tính năm {year}.',
  valueOf: 'Giá trị {code} năm {year}',
  notANumber: 'Không phải số: {code}',
  empty: '—',
  unit_mbps: 'Mbps',
  unit_mw: 'MW',
  unit_score: 'điểm',
  unit_yes_no: '(1 = có)',
};

export type IndicatorMessageKey = keyof typeof vi;

const en: Record<IndicatorMessageKey, string> = {
  title: `2030 targets (${PLAN.en})`,
  commune: 'Area',
  cityWide: 'Whole city',
  loading: 'Computing the indicators…',
  failed: 'The indicators could not be computed: {message}',
  target: 'Target',
  actual: 'Register today',
  planned: 'Planned',
  compare: 'Compared version',
  milestone: '{year}',
  milestoneAssumption:
    "The 2027 milestone and the two phases 2026–2027 and 2028–2030 are Hatang's planning assumption, not in the plan's text (the plan sets its targets for 2030); 2040 is the passive infrastructure plan's vision year.",
  noTarget: 'No figure in the plan',
  targetBy: '{value} by {year}',
  targetRange: '{value}–{max} by {year}',
  met: 'Met',
  notMet: 'Not met',
  source: 'Source: {source}',
  unavailable: 'Not available: {what}',
  unavailableKeySites: 'key-site indicators (the key sites register has no site in this area)',
  computedIn: 'Computed in {ms} ms',
  fromCache: 'from the cache',
  versionLabel: 'Version: {name}',
  compareLabel: 'Compared with: {name}',
  people: '{part} / {whole}',
  group_coverage: 'Mobile coverage',
  group_keySites: 'Key sites',
  group_wifi: 'Public WiFi',
  group_cables: 'Cables underground',
  group_sharing: 'Shared towers',
  group_ducts: 'Ducts, trenches and tunnels',
  group_landing: 'Submarine cables',
  group_dataCentres: 'Data centres',
  group_cityServices: 'Surveillance cameras and smart-city devices',
  group_fiber: 'Fibre to the home (FTTH)',
  unit_percent: '%',
  unit_km: 'km',
  unit_count: '',
  unit_ratio: '',
  ind_population5gPercent: 'Population with 5G',
  ind_population4gPercent: 'Population with 4G',
  ind_keySitesFiberPercent: 'Key sites with fiber',
  ind_keySites5gPercent: 'Key sites with 5G',
  ind_communeWifiPercent: 'Cultural houses and commune centres with free WiFi',
  ind_wifiPoints: 'Public WiFi points',
  ind_cableAerialKm: 'Overhead (aerial) cable',
  ind_cableUndergroundKm: 'Underground cable',
  ind_undergroundingKm: 'Overhead cable put underground',
  ind_undergroundCableSharePercent: 'Share of cable underground',
  ind_towerCount: 'Antenna towers',
  ind_tenantsPerTower: 'Tenants per tower',
  ind_sharedTowerPercent: 'Towers shared by 2+ operators',
  ind_plannedTowerAreaTenants: 'Tenants planned in tower areas',
  ind_ductKm: 'Cable ducts',
  ind_trenchTunnelKm: 'Trenches and technical tunnels',
  ind_landingStations: 'Landing stations',
  ind_submarineCableKm: 'Submarine cable routes',
  ind_dataCentres: 'Data centres',
  ind_greenDataCentres: 'Green data centres',
  ind_mainStreetCameraPercent: 'Main-street length within a surveillance camera’s view',
  ind_fiberHomesPassedPercent: 'Homes passed by fibre (operators report)',
  ind_fiber1GbpsHomesPercent: 'Homes with 1 Gbps fibre or more (operators report)',
  ind_fiberHouseholdsInReachProxyPercent: 'Households near a fibre route — estimate (proxy)',
  ftthNoFigures:
    "No figure: no operator has reported in this area, or operators' figures are for the city's staff only.",
  diiTitle: 'Digital infrastructure index (DII)',
  diiSource: 'Criteria: {source}',
  diiCatalogue: 'Catalogue version {version}',
  diiLoading: 'Loading the DII…',
  diiFailed: 'The DII could not be loaded: {message}',
  diiSignIn: 'Sign in to see the DII.',
  criterion: 'Criterion',
  latest: 'Latest',
  trend: 'Trend',
  live: 'Hatang computes',
  progress: 'Progress',
  trend_improving: 'improving',
  trend_worsening: 'worsening',
  trend_steady: 'steady',
  computedFromRegister: 'computed from the register',
  howComputed: 'How it is computed',
  whyDiffers: 'Why it may differ from the reported figure',
  differsFromReported: 'Differs from the reported figure: see how it is computed',
  enteredByPlanners: 'entered by planners',
  enterValues: 'Enter the values of',
  year: 'Year',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Values of {year} saved.',
  computeNow: 'Compute the criteria from the register for {year}',
  computed: 'Computed values of {year} saved.',
  valueOf: 'Value of {code} in {year}',
  notANumber: 'Not a number: {code}',
  empty: '—',
  unit_mbps: 'Mbps',
  unit_mw: 'MW',
  unit_score: 'points',
  unit_yes_no: '(1 = yes)',
};

/** Every text of this feature, by language (scanned by lib/dictionaries.test.ts). */
export const DICTIONARIES: Record<Lang, Record<IndicatorMessageKey, string>> = { vi, en };

const isKey = (key: string): key is IndicatorMessageKey => Object.hasOwn(vi, key);

/** An indicator's name (GET /api/v1/indicators key) in the UI language, or the key when unknown. */
export const indicatorName = (lang: Lang, key: string): string =>
  isKey(`ind_${key}`) ? DICTIONARIES[lang][`ind_${key}` as IndicatorMessageKey] : key;

export function indicatorText(
  lang: Lang,
  key: IndicatorMessageKey,
  params?: Record<string, string | number>,
) {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

export interface IndicatorText {
  lang: Lang;
  t: (key: IndicatorMessageKey, params?: Record<string, string | number>) => string;
  /** A dynamic key (`ind_<key>`, `group_<group>`, `unit_<unit>`), or `fallback` when unknown. */
  tKey: (key: string, fallback: string) => string;
}

export function useIndicatorText(): IndicatorText {
  const { lang } = useI18n();
  return useMemo(
    () => ({
      lang,
      t: (key, params) => indicatorText(lang, key, params),
      tKey: (key, fallback) => (isKey(key) ? indicatorText(lang, key) : fallback),
    }),
    [lang],
  );
}
