/**
 * Texts of the task register panel (plan 317's tasks and obstacles) in Vietnamese and English.
 * Agencies' names come from PLAN_AGENCY_LABELS, the plan's own words.
 */
import { PLAN_AGENCY_LABELS, type PlanAgency } from '@hatang/contracts';
import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

const vi = {
  kicker: 'Kế hoạch 317 · Tổ chức thực hiện',
  title: 'Nhiệm vụ',
  close: 'Đóng',
  tabTasks: 'Nhiệm vụ',
  tabObstacles: 'Khó khăn, vướng mắc',
  agency: 'Cơ quan chủ trì',
  allAgencies: 'Mọi cơ quan',
  status: 'Trạng thái',
  allStatuses: 'Mọi trạng thái',
  mine: 'Chỉ nhiệm vụ của đơn vị tôi',
  noAgency: 'Đơn vị của bạn chưa là cơ quan nào của kế hoạch: hãy nhờ quản trị viên cập nhật.',
  yourAgency: 'Đơn vị của bạn: {name}',
  coordinator: 'Đơn vị điều phối kế hoạch (báo cáo và trả lời mọi nội dung)',
  loading: 'Đang tải…',
  empty: 'Không có nhiệm vụ nào khớp bộ lọc.',
  count: '{n} nhiệm vụ',
  due: 'Hạn',
  assumption: 'giả định',
  assumptionTitle: 'Kế hoạch không nêu hạn này: là giả định lập kế hoạch của Hatang (có thể sửa)',
  overdue: 'Quá hạn',
  openObstacles: '{n} vướng mắc',
  progress: 'Tiến độ',
  back: '← Danh sách',
  lead: 'Chủ trì',
  supporting: 'Phối hợp',
  none: 'Không có',
  cadence: 'Tính chất',
  indicator: 'Chỉ tiêu phục vụ',
  planText: 'Nội dung theo kế hoạch',
  reports: 'Các báo cáo đã gửi',
  noReports: 'Chưa có báo cáo nào.',
  reportBy: '{org} · {person} · {date}',
  evidence: 'Minh chứng',
  report: 'Gửi báo cáo tiến độ',
  reportHint: 'Báo cáo của đơn vị bạn về nhiệm vụ này',
  mayNotReport:
    'Nhiệm vụ này không giao cho đơn vị bạn: chỉ cơ quan chủ trì, phối hợp hoặc Sở Khoa học và Công nghệ báo cáo.',
  percent: 'Phần trăm hoàn thành (%)',
  note: 'Nội dung báo cáo',
  addEvidence: '+ Thêm minh chứng',
  remove: 'Bỏ',
  evidenceKind: 'Loại',
  evidenceRef: 'Địa chỉ / mã',
  evidenceLabel: 'Mô tả (không bắt buộc)',
  assetKind: 'Loại tài sản',
  assetId: 'Mã định danh tài sản (UUID)',
  save: 'Gửi báo cáo',
  saving: 'Đang gửi…',
  saved: 'Đã ghi nhận báo cáo.',
  cancel: 'Huỷ',
  errRequired: 'Không được để trống',
  errPercent: 'Nhập số nguyên từ 0 đến 100',
  errTooLong: 'Dài quá (tối đa {max} ký tự)',
  errTooShort: 'Ngắn quá (tối thiểu {min} ký tự)',
  errUrl: 'Phải là địa chỉ bắt đầu bằng https://',
  errUuid: 'Phải là mã định danh (UUID) của bản ghi',
  errIndicator: 'Phải là mã chỉ tiêu (chữ, số, dấu gạch)',
  errTooMany: 'Tối đa 20 minh chứng',
  errInvalid: 'Giá trị không hợp lệ',
  errForm: 'Máy chủ từ chối báo cáo: xem các ô được đánh dấu.',
  errEvidenceMissing: 'Không tìm thấy bản ghi hoặc địa chỉ này',
  errForbiddenReport:
    'Máy chủ từ chối: nhiệm vụ này không giao cho đơn vị bạn (chỉ cơ quan chủ trì, phối hợp hoặc Sở Khoa học và Công nghệ báo cáo).',
  errForbiddenAnswer:
    'Máy chủ từ chối: chỉ cơ quan được gửi vướng mắc hoặc Sở Khoa học và Công nghệ trả lời, đóng vướng mắc.',
  errResolved: 'Vướng mắc này đã được giải quyết.',
  errSession: 'Phiên đăng nhập đã hết: hãy đăng nhập lại.',
  errServer: 'Lỗi máy chủ: {message}',
  // Obstacles
  obstaclesHint:
    'Vướng mắc đơn vị bạn đã nêu, được gửi tới đơn vị bạn (Sở Khoa học và Công nghệ xem tất cả).',
  obstacleStatus: 'Trạng thái',
  obstaclesEmpty: 'Chưa có vướng mắc nào.',
  obstaclesCount: '{n} vướng mắc',
  raise: 'Nêu khó khăn, vướng mắc',
  raiseOnTask: 'Nêu vướng mắc về nhiệm vụ này',
  addressedTo: 'Gửi tới',
  raisedBy: 'Đơn vị nêu',
  raisedAt: 'Ngày nêu',
  daysUnanswered: '{n} ngày chưa trả lời',
  task: 'Nhiệm vụ',
  noTask: '— Không gắn nhiệm vụ —',
  place: 'Vị trí',
  noPlace: 'Chưa chọn vị trí',
  pickPlace: 'Chọn trên bản đồ',
  picking: 'Bấm lên bản đồ để chọn vị trí…',
  stopPicking: 'Dừng chọn',
  clearPlace: 'Bỏ vị trí',
  needTaskOrPlace: 'Hãy chọn nhiệm vụ, vị trí trên bản đồ, hoặc cả hai',
  obstacleTitle: 'Tiêu đề',
  obstacleBody: 'Nội dung',
  send: 'Gửi',
  sending: 'Đang gửi…',
  answers: 'Trả lời',
  noAnswers: 'Chưa có trả lời.',
  answer: 'Trả lời',
  answerBody: 'Nội dung trả lời',
  answerAndResolve: 'Đồng thời đóng vướng mắc (đã giải quyết)',
  sendAnswer: 'Gửi trả lời',
  resolve: 'Đóng vướng mắc (đã giải quyết)',
  resolving: 'Đang đóng…',
  readOnlyObstacle: 'Bạn chỉ xem được vướng mắc này.',
  onTask: 'Về nhiệm vụ {code}',
  atPlace: 'Tại {lat}, {lng}',
};
type Key = keyof typeof vi;

const en: Record<Key, string> = {
  kicker: 'Plan 317 · Implementation',
  title: 'Tasks',
  close: 'Close',
  tabTasks: 'Tasks',
  tabObstacles: 'Obstacles',
  agency: 'Lead agency',
  allAgencies: 'All agencies',
  status: 'Status',
  allStatuses: 'All statuses',
  mine: "Only my agency's tasks",
  noAgency: "Your organisation is none of the plan's agencies: ask an administrator to set it.",
  yourAgency: 'Your agency: {name}',
  coordinator: 'Coordinator of the plan (reports on and answers everything)',
  loading: 'Loading…',
  empty: 'No task matches the filters.',
  count: '{n} tasks',
  due: 'Due',
  assumption: 'assumption',
  assumptionTitle: "The plan gives no such date: it is Hatang's planning assumption (editable)",
  overdue: 'Overdue',
  openObstacles: '{n} obstacles',
  progress: 'Progress',
  back: '← List',
  lead: 'Lead',
  supporting: 'Supporting',
  none: 'None',
  cadence: 'Kind',
  indicator: 'Indicator served',
  planText: "The plan's text",
  reports: 'Reports sent',
  noReports: 'No reports yet.',
  reportBy: '{org} · {person} · {date}',
  evidence: 'Evidence',
  report: 'Report progress',
  reportHint: "Your organisation's report on this task",
  mayNotReport:
    'This task is not assigned to your agency: its lead and supporting agencies, or the Department of Science and Technology, report on it.',
  percent: 'Per cent done (%)',
  note: 'Report',
  addEvidence: '+ Add evidence',
  remove: 'Remove',
  evidenceKind: 'Kind',
  evidenceRef: 'Address / id',
  evidenceLabel: 'Label (optional)',
  assetKind: 'Asset kind',
  assetId: 'Asset id (UUID)',
  save: 'Send report',
  saving: 'Sending…',
  saved: 'Report recorded.',
  cancel: 'Cancel',
  errRequired: 'Required',
  errPercent: 'A whole number from 0 to 100',
  errTooLong: 'Too long (at most {max} characters)',
  errTooShort: 'Too short (at least {min} characters)',
  errUrl: 'Must be an address starting with https://',
  errUuid: "Must be the record's id (UUID)",
  errIndicator: 'Must be an indicator key (letters, digits, dashes)',
  errTooMany: 'At most 20 evidence links',
  errInvalid: 'Not a valid value',
  errForm: 'The server refused the report: see the marked fields.',
  errEvidenceMissing: 'No such record or address',
  errForbiddenReport:
    'Refused: this task is not assigned to your agency (its lead and supporting agencies, or the Department of Science and Technology, report on it).',
  errForbiddenAnswer:
    'Refused: only the agency the obstacle is addressed to, or the Department of Science and Technology, answers or closes it.',
  errResolved: 'This obstacle is resolved.',
  errSession: 'Your session has ended: sign in again.',
  errServer: 'Server error: {message}',
  obstaclesHint:
    'Obstacles your organisation raised or that are addressed to your agency (the Department of Science and Technology reads all).',
  obstacleStatus: 'Status',
  obstaclesEmpty: 'No obstacles yet.',
  obstaclesCount: '{n} obstacles',
  raise: 'Raise an obstacle',
  raiseOnTask: 'Raise an obstacle on this task',
  addressedTo: 'Addressed to',
  raisedBy: 'Raised by',
  raisedAt: 'Raised on',
  daysUnanswered: '{n} days unanswered',
  task: 'Task',
  noTask: '— No task —',
  place: 'Place',
  noPlace: 'No place chosen',
  pickPlace: 'Choose on the map',
  picking: 'Click the map to choose the place…',
  stopPicking: 'Stop choosing',
  clearPlace: 'Remove the place',
  needTaskOrPlace: 'Choose the task, a place on the map, or both',
  obstacleTitle: 'Title',
  obstacleBody: 'Details',
  send: 'Send',
  sending: 'Sending…',
  answers: 'Answers',
  noAnswers: 'No answers yet.',
  answer: 'Answer',
  answerBody: 'Answer',
  answerAndResolve: 'Also close the obstacle (resolved)',
  sendAnswer: 'Send the answer',
  resolve: 'Close the obstacle (resolved)',
  resolving: 'Closing…',
  readOnlyObstacle: 'You may only read this obstacle.',
  onTask: 'On task {code}',
  atPlace: 'At {lat}, {lng}',
};

export type TasksKey = Key;
export type TasksT = (key: Key, params?: Record<string, string | number>) => string;

const DICTIONARIES: Record<Lang, Record<Key, string>> = { vi, en };

const STATUS = {
  not_started: { vi: 'Chưa bắt đầu', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  blocked: { vi: 'Bị vướng', en: 'Blocked' },
  open: { vi: 'Chưa trả lời', en: 'Open' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  resolved: { vi: 'Đã giải quyết', en: 'Resolved' },
} as const;

const CADENCE = {
  once: { vi: 'Thực hiện một lần', en: 'Once' },
  ongoing: { vi: 'Thường xuyên (2026–2030)', en: 'Ongoing (2026–2030)' },
} as const;

const EVIDENCE_KIND = {
  url: { vi: 'Đường dẫn (https)', en: 'Web link (https)' },
  plan_item: { vi: 'Hạng mục quy hoạch', en: 'Plan item' },
  asset: { vi: 'Tài sản hạ tầng', en: 'Asset' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
} as const;

const LABELS = { status: STATUS, cadence: CADENCE, evidenceKind: EVIDENCE_KIND };
type LabelGroup = keyof typeof LABELS;

export function translateTasks(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** The panel's texts, code labels and agencies' names in the UI language. */
export function useTasksText() {
  const { lang } = useI18n();
  return useMemo(
    () => ({
      lang,
      t: ((key, params) => translateTasks(lang, key, params)) as TasksT,
      label: (group: LabelGroup, code: string) =>
        (LABELS[group] as Record<string, { vi: string; en: string }>)[code]?.[lang] ?? code,
      agency: (code: PlanAgency) => PLAN_AGENCY_LABELS[code][lang],
    }),
    [lang],
  );
}
