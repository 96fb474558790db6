/**
 * Texts of the public page (no sign-in), Vietnamese first. Plan item kinds, indicator names, task
 * statuses and agencies come from their features' dictionaries and the contracts.
 */
import { cite, PLAN_AGENCY_LABELS, type PlanAgency, type PlanItemKind } from '@hatang/contracts';
import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';
import { indicatorName } from '../indicators/indicators-i18n';
import { planText } from '../plans/plan-i18n';

/** The plan the page reports on (legal: plan-317-2025-kh-ubnd), cited from the registry. */
const PLAN = cite('plan-317-2025-kh-ubnd', undefined, { short: true });

const vi = {
  title: 'Công khai kết quả phát triển hạ tầng viễn thông thụ động Hải Phòng',
  subtitle: `Theo ${PLAN.vi}: quy hoạch đã phê duyệt, chỉ tiêu đến năm 2030, hạ ngầm cáp, tiến độ nhiệm vụ`,
  backToMap: 'Bản đồ hạ tầng',
  backToMapTitle: 'Về bản đồ hạ tầng (đăng nhập để dùng các chức năng nghiệp vụ)',
  dataNote:
    'Số liệu tính từ sổ đăng ký hạ tầng của Hatang, chỉ gồm thông tin công khai; bản trình diễn dùng dữ liệu minh hoạ tổng hợp.',
  loading: 'Đang tải…',
  loadingIndicators: 'Đang tính chỉ tiêu cho các xã, phường (lần đầu có thể mất một phút)…',
  failed: 'Không tải được: {message}',
  planSection: 'Quy hoạch đã phê duyệt',
  planNone: 'Chưa có phương án quy hoạch nào được phê duyệt.',
  planVersion: '{name}, phê duyệt ngày {date}',
  planItems: '{n} hạng mục quy hoạch trên bản đồ',
  planTruncated: 'Bản đồ hiện {shown} trong {total} hạng mục.',
  indicatorsSection: 'Chỉ tiêu đến năm 2030 theo xã, phường, đặc khu',
  commune: 'Xã, phường, đặc khu',
  city: 'Toàn thành phố',
  cityPlanned: 'Toàn thành phố theo quy hoạch năm 2030',
  target: 'Mục tiêu {year}: {value}',
  noTarget: 'Kế hoạch không đặt con số',
  noValue: 'Chưa có số liệu',
  find: 'Tìm xã, phường',
  selected: 'Đang chọn: {name}',
  clearSelection: 'Bỏ chọn',
  chooseHint: 'Chọn một dòng hoặc bấm vào bản đồ để làm nổi bật xã, phường.',
  col_population5gPercent: 'Dân số có 5G',
  col_population4gPercent: 'Dân số có 4G',
  col_keySitesFiberPercent: 'Điểm trọng yếu có cáp quang',
  col_keySites5gPercent: 'Điểm trọng yếu có 5G',
  col_communeWifiPercent: 'Nhà văn hoá, trung tâm xã có WiFi',
  col_undergroundCableSharePercent: 'Cáp đi ngầm',
  col_mainStreetCameraPercent: 'Đường chính có camera',
  undergroundingSection: 'Chiến dịch hạ ngầm cáp treo',
  campaignEmpty: 'Chưa có đoạn cáp nào trong chiến dịch.',
  campaignDone: 'Đã hạ ngầm {done} / {total} km ({pct})',
  campaignInProgress: 'Đang thi công {km} km, chưa thi công {planned} km',
  campaignYear: 'Năm kế hoạch',
  campaignSegments: 'Số đoạn',
  campaignTotalKm: 'Tổng (km)',
  campaignDoneKm: 'Đã hạ ngầm (km)',
  campaignCommune: '{name}: đã hạ ngầm {done} / {total} km',
  campaignCommuneNone: '{name}: không có đoạn nào trong chiến dịch',
  tasksSection: 'Tiến độ nhiệm vụ của Kế hoạch',
  tasksTotals: '{n} nhiệm vụ · tiến độ bình quân {mean} · quá hạn {overdue}',
  tasksNote:
    'Tiến độ theo báo cáo của các cơ quan nhà nước; báo cáo riêng của doanh nghiệp viễn thông không công khai.',
  section: 'Mục',
  lead: 'Cơ quan chủ trì',
  tasks: 'Nhiệm vụ',
  meanProgress: 'Tiến độ bình quân',
  overdue: 'Quá hạn',
  due: 'Hạn {date}',
  assumption: 'giả định',
  showTasks: 'Xem {n} nhiệm vụ',
  legend: 'Chú giải',
};

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  title: 'Hai Phong passive telecom infrastructure: public results',
  subtitle: `Under ${PLAN.en}: the approved plan, the 2030 targets, cable undergrounding, task progress`,
  backToMap: 'Infrastructure map',
  backToMapTitle: 'Back to the infrastructure map (sign in there for the working tools)',
  dataNote:
    "Figures computed from Hatang's infrastructure register, public information only; the demo uses synthetic data.",
  loading: 'Loading…',
  loadingIndicators: 'Computing the indicators of every commune (the first time can take a minute)…',
  failed: 'Could not load: {message}',
  planSection: 'Approved plan',
  planNone: 'No plan version has been approved yet.',
  planVersion: '{name}, approved on {date}',
  planItems: '{n} plan items on the map',
  planTruncated: 'The map shows {shown} of {total} items.',
  indicatorsSection: 'Indicators against the 2030 targets, by commune',
  commune: 'Commune, ward or special zone',
  city: 'Whole city',
  cityPlanned: 'Whole city under the plan in 2030',
  target: '{year} target: {value}',
  noTarget: 'The plan sets no figure',
  noValue: 'No data',
  find: 'Find a commune',
  selected: 'Selected: {name}',
  clearSelection: 'Clear',
  chooseHint: 'Choose a row or click the map to highlight a commune.',
  col_population5gPercent: 'People with 5G',
  col_population4gPercent: 'People with 4G',
  col_keySitesFiberPercent: 'Key sites with fibre',
  col_keySites5gPercent: 'Key sites with 5G',
  col_communeWifiPercent: 'Cultural houses and commune centres with WiFi',
  col_undergroundCableSharePercent: 'Cable underground',
  col_mainStreetCameraPercent: 'Main streets under cameras',
  undergroundingSection: 'Overhead cable undergrounding campaign',
  campaignEmpty: 'No cable stretch is in the campaign yet.',
  campaignDone: 'Put underground {done} / {total} km ({pct})',
  campaignInProgress: 'Under way {km} km, not started {planned} km',
  campaignYear: 'Planned year',
  campaignSegments: 'Stretches',
  campaignTotalKm: 'Total (km)',
  campaignDoneKm: 'Underground (km)',
  campaignCommune: '{name}: put underground {done} / {total} km',
  campaignCommuneNone: '{name}: no stretch in the campaign',
  tasksSection: "The plan's task progress",
  tasksTotals: '{n} tasks · mean progress {mean} · overdue {overdue}',
  tasksNote: "Progress as the public agencies report it; telecom operators' own reports are not published.",
  section: 'Section',
  lead: 'Lead agency',
  tasks: 'Tasks',
  meanProgress: 'Mean progress',
  overdue: 'Overdue',
  due: 'Due {date}',
  assumption: 'assumed',
  showTasks: 'Show {n} tasks',
  legend: 'Legend',
};

/** Every text of this feature, by language (scanned by lib/dictionaries.test.ts). */
export const DICTIONARIES: Record<Lang, Record<Key, string>> = { vi, en };

/** Task statuses as the task register names them (features/tasks). */
const STATUS = {
  not_started: { vi: 'Chưa bắt đầu', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  blocked: { vi: 'Bị vướng', en: 'Blocked' },
} as const;
export type TaskStatusKey = keyof typeof STATUS;

export type PublicKey = Key;

export function publicText(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** The page's texts and the labels it borrows, in the UI language. */
export function usePublicText() {
  const { lang, setLang } = useI18n();
  return useMemo(
    () => ({
      lang,
      setLang,
      t: (key: Key, params?: Record<string, string | number>) => publicText(lang, key, params),
      itemKind: (kind: PlanItemKind) => planText(lang, `item_${kind}`),
      indicator: (key: string) => indicatorName(lang, key),
      status: (status: TaskStatusKey) => STATUS[status][lang],
      agency: (code: PlanAgency) => PLAN_AGENCY_LABELS[code][lang],
    }),
    [lang, setLang],
  );
}
