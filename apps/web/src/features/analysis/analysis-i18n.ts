import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

/** Texts of the Analysis panel (features/analysis), Vietnamese first. */
const vi = {
  analysis: 'Phân tích',
  openAnalysis: 'Mở bảng phân tích vùng phủ sóng',
  title: 'Phân tích vùng phủ sóng',
  subtitle: 'Dân số được phủ sóng theo xã/phường, vùng lõm sóng và vị trí trạm đề xuất',
  signInToRun: 'Đăng nhập để chạy phân tích vùng phủ sóng.',
  roleCannotRun:
    'Tài khoản công chúng không chạy được phân tích; hãy dùng tài khoản cơ quan hoặc doanh nghiệp.',
  technology: 'Công nghệ',
  operators: 'Nhà mạng',
  allOperators: 'Tất cả',
  noOperators: 'Chọn ít nhất một nhà mạng.',
  scopeTotal: 'Tổng tất cả nhà mạng',
  scopeOwn: 'Chỉ mạng của đơn vị tôi',
  scopeNote:
    'Phân tích riêng mạng của nhà mạng khác, hoặc với bán kính dưới {floor} m, chỉ dành cho cán bộ thành phố (quy hoạch, thẩm định, quản trị).',
  run: 'Chạy phân tích',
  rerun: 'Chạy lại',
  running: 'Đang tính…',
  progressLabel: 'Tiến độ phân tích',
  failed: 'Phân tích thất bại: {message}',
  step_queued: 'Đang chờ',
  'step_loading the population grid': 'Đang tải lưới dân số',
  'step_loading towers': 'Đang tải trạm',
  'step_building the coverage model': 'Đang dựng mô hình phủ sóng',
  step_summarising: 'Đang tổng hợp theo xã/phường',
  'step_tracing gaps': 'Đang xác định vùng lõm',
  'step_choosing candidate sites': 'Đang chọn vị trí đề xuất',
  step_done: 'Xong',
  dataChanged: 'Dữ liệu trạm đã thay đổi từ lần chạy trước — hãy chạy lại.',
  autoRerun: 'Trạm vừa được sửa: đang chạy lại…',
  resultOf: '{technology} · nhà mạng: {operators}',
  // Summary
  cityPopulation: 'Dân số',
  covered: 'Được phủ sóng',
  uncovered: 'Chưa phủ sóng',
  singleOperator: 'Chỉ 1 nhà mạng',
  people: '{count} người',
  changeSinceLast: 'so với lần trước: {delta}',
  // Tabs
  tabCommunes: 'Xã / phường ({count})',
  tabGaps: 'Vùng lõm ({count})',
  tabSites: 'Vị trí đề xuất ({count})',
  // Commune table
  colName: 'Xã / phường / đặc khu',
  colCode: 'Mã',
  colType: 'Loại',
  colEnvironment: 'Môi trường',
  colPopulation: 'Dân số',
  colCovered: 'Được phủ',
  colCoveredPercent: 'Phủ sóng (%)',
  colUncovered: 'Chưa phủ',
  colSingle: 'Chỉ 1 nhà mạng',
  colAny4G: '4G bất kỳ (%)',
  colAny5G: '5G bất kỳ (%)',
  colDelta: 'Thay đổi chưa phủ',
  sortBy: 'Sắp xếp theo {column}',
  filterCommunes: 'Lọc theo tên hoặc mã',
  urban: 'Đô thị',
  suburban: 'Ven đô',
  rural: 'Nông thôn',
  // Gaps
  gapLayer: 'Vùng lõm sóng',
  showGapLayer: 'Hiện vùng lõm trên bản đồ',
  showSiteLayer: 'Hiện vị trí đề xuất trên bản đồ',
  gapLegend: 'Dân số trong vùng lõm',
  gapRank: 'Vùng lõm #{rank}',
  gapArea: '{area} km²',
  gapShown: 'Hiện {shown}/{total} vùng lõm lớn nhất ({people} người chưa phủ sóng)',
  gapSelected: 'Vùng lõm #{rank} — {unit}',
  sitesNearGap: 'Vị trí đề xuất trong xã hoặc gần vùng lõm',
  noSitesNearGap: 'Không có vị trí đề xuất nào gần vùng lõm này trong danh sách.',
  clearGap: 'Bỏ chọn',
  // Candidate sites
  colocation: 'Dùng chung trạm',
  newSite: 'Trạm mới',
  siteRank: '#{rank}',
  siteGain: '+{count} người',
  siteGainPercent: '+{percent} % dân số',
  siteAfter: 'sau đó {percent} %',
  siteJoins: '{operator} lắp trên trạm hiện có',
  siteOnOffer: 'Trên mặt bằng xã/phường đề nghị',
  siteRadius: 'bán kính {radius} m',
  sitesSummary: '{count} vị trí: phủ từ {before} % lên {after} % (mục tiêu {target} %{reached})',
  targetReached: ', đạt',
  targetNotReached: ', chưa đạt',
  sitesLegend: 'Vị trí đề xuất',
  // Export
  exportCsv: 'Xuất CSV (xã/phường)',
  exportGeoJson: 'Xuất GeoJSON (vùng lõm)',
  csvPerOperator: '{operator} {technology} (người)',
  csvCovered: 'Được phủ sóng (người)',
  csvUncovered: 'Chưa phủ sóng (người)',
  csvSingle: 'Chỉ 1 nhà mạng (người)',
  csvAny4G: '4G bất kỳ (người)',
  csvAny5G: '5G bất kỳ (người)',
  close: 'Đóng',
};

type AnalysisMessageKey = keyof typeof vi;

const en: Record<AnalysisMessageKey, string> = {
  analysis: 'Analysis',
  openAnalysis: 'Open the coverage analysis panel',
  title: 'Coverage analysis',
  subtitle: 'Population covered per commune, coverage gaps and candidate sites',
  signInToRun: 'Sign in to run coverage analyses.',
  roleCannotRun: 'Public accounts cannot run analyses; use a department or operator account.',
  technology: 'Technology',
  operators: 'Operators',
  allOperators: 'All',
  noOperators: 'Choose at least one operator.',
  scopeTotal: 'All operators together',
  scopeOwn: 'My organisation’s network only',
  scopeNote:
    'Analysing another operator’s network, or radii under {floor} m, is for city staff (planners, reviewers, admins).',
  run: 'Run analysis',
  rerun: 'Re-run',
  running: 'Computing…',
  progressLabel: 'Analysis progress',
  failed: 'The analysis failed: {message}',
  step_queued: 'Queued',
  'step_loading the population grid': 'Loading the population grid',
  'step_loading towers': 'Loading towers',
  'step_building the coverage model': 'Building the coverage model',
  step_summarising: 'Summarising per commune',
  'step_tracing gaps': 'Tracing coverage gaps',
  'step_choosing candidate sites': 'Choosing candidate sites',
  step_done: 'Done',
  dataChanged: 'The tower data changed since the last run — re-run.',
  autoRerun: 'A tower was just edited: re-running…',
  resultOf: '{technology} · operators: {operators}',
  cityPopulation: 'Population',
  covered: 'Covered',
  uncovered: 'Uncovered',
  singleOperator: 'Single operator only',
  people: '{count} people',
  changeSinceLast: 'since the last run: {delta}',
  tabCommunes: 'Communes ({count})',
  tabGaps: 'Gaps ({count})',
  tabSites: 'Candidate sites ({count})',
  colName: 'Commune / ward / special zone',
  colCode: 'Code',
  colType: 'Type',
  colEnvironment: 'Environment',
  colPopulation: 'Population',
  colCovered: 'Covered',
  colCoveredPercent: 'Covered (%)',
  colUncovered: 'Uncovered',
  colSingle: 'Single operator',
  colAny4G: 'Any 4G (%)',
  colAny5G: 'Any 5G (%)',
  colDelta: 'Change in uncovered',
  sortBy: 'Sort by {column}',
  filterCommunes: 'Filter by name or code',
  urban: 'Urban',
  suburban: 'Suburban',
  rural: 'Rural',
  gapLayer: 'Coverage gaps',
  showGapLayer: 'Show gaps on the map',
  showSiteLayer: 'Show candidate sites on the map',
  gapLegend: 'People in the gap',
  gapRank: 'Gap #{rank}',
  gapArea: '{area} km²',
  gapShown: 'Showing the {shown} largest of {total} gaps ({people} people uncovered)',
  gapSelected: 'Gap #{rank} — {unit}',
  sitesNearGap: 'Candidate sites in its commune or near the gap',
  noSitesNearGap: 'No listed candidate site is near this gap.',
  clearGap: 'Clear',
  colocation: 'Co-location',
  newSite: 'New site',
  siteRank: '#{rank}',
  siteGain: '+{count} people',
  siteGainPercent: '+{percent} % of the population',
  siteAfter: 'then {percent} %',
  siteJoins: '{operator} joins an existing tower',
  siteOnOffer: "On a commune's site offer",
  siteRadius: 'radius {radius} m',
  sitesSummary: '{count} sites: coverage from {before} % to {after} % (target {target} %{reached})',
  targetReached: ', reached',
  targetNotReached: ', not reached',
  sitesLegend: 'Candidate sites',
  exportCsv: 'Export CSV (communes)',
  exportGeoJson: 'Export GeoJSON (gaps)',
  csvPerOperator: '{operator} {technology} (people)',
  csvCovered: 'Covered (people)',
  csvUncovered: 'Uncovered (people)',
  csvSingle: 'Single operator only (people)',
  csvAny4G: 'Any 4G (people)',
  csvAny5G: 'Any 5G (people)',
  close: 'Close',
};

/** Every text of this feature, by language (scanned by lib/dictionaries.test.ts). */
export const DICTIONARIES: Record<Lang, Record<AnalysisMessageKey, string>> = { vi, en };

export type AnalysisT = (key: AnalysisMessageKey, params?: Record<string, string | number>) => string;

export interface AnalysisText {
  lang: Lang;
  t: AnalysisT;
  /** A server step name ("tracing gaps") in the UI language; unknown steps as sent. */
  step: (step: string) => string;
}

const isKey = (key: string): key is AnalysisMessageKey => Object.hasOwn(vi, key);

/** Translates `key` in `lang`, filling `{name}` placeholders. */
export function analysisText(lang: Lang, key: AnalysisMessageKey, params?: Record<string, string | number>) {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

export function useAnalysisText(): AnalysisText {
  const { lang } = useI18n();
  return useMemo(
    () => ({
      lang,
      t: (key, params) => analysisText(lang, key, params),
      step: (step) => {
        const key = `step_${step}`;
        return isKey(key) ? analysisText(lang, key) : step;
      },
    }),
    [lang],
  );
}
