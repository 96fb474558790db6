/**
 * The plan's periodic progress report (a quarter or a year), compiled by the Department of
 * Science and Technology for the City People's Committee (plan 317, section V; legal:
 * plan-317-2025-kh-ubnd), as an administrative document (documents/admin-document.ts): the
 * tasks' standing, what each agency reported in the period with its evidence, the obstacles
 * raised or still open, and what needs the City's direction (overdue tasks, unanswered obstacles).
 */
import {
  type Obstacle,
  PLAN_AGENCY_LABELS,
  type PlanTaskDetail,
  type PlanTaskStatus,
} from '@hatang/contracts';
import {
  type AdminBlock,
  type AdminDocumentContent,
  adminDocumentPdf,
  type ParagraphOptions,
} from '../../documents/admin-document.js';
import { adminDocumentDocx } from '../../documents/admin-document-docx.js';

/** `2026-Q3` (a quarter) or `2026` (a year). */
export const PERIOD_PATTERN = /^(20\d{2})(?:-Q([1-4]))?$/;

export interface ReportPeriod {
  year: number;
  quarter: number | null;
  /** First day (ISO date) and the day after the last, in Vietnam's time. */
  from: string;
  until: string;
}

export function reportPeriod(text: string): ReportPeriod | null {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const quarter = match[2] ? Number(match[2]) : null;
  const month = (m: number) => String(m).padStart(2, '0');
  if (quarter === null) return { year, quarter, from: `${year}-01-01`, until: `${year + 1}-01-01` };
  const first = (quarter - 1) * 3 + 1;
  const until = quarter === 4 ? `${year + 1}-01-01` : `${year}-${month(first + 3)}-01`;
  return { year, quarter, from: `${year}-${month(first)}-01`, until };
}

const ROMAN_QUARTER = ['I', 'II', 'III', 'IV'];
export const periodLabel = (p: ReportPeriod) =>
  p.quarter === null ? `Năm ${p.year}` : `Quý ${ROMAN_QUARTER[p.quarter - 1]} năm ${p.year}`;

export const STATUS_VI: Record<PlanTaskStatus, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  blocked: 'Gặp vướng mắc',
};
const OBSTACLE_STATUS_VI: Record<Obstacle['status'], string> = {
  open: 'chưa trả lời',
  answered: 'đã trả lời',
  resolved: 'đã giải quyết',
};

/** A timestamp's day in Vietnam's time (UTC+7), ISO. */
const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
const dmy = (isoDay: string) => isoDay.split('-').reverse().join('/');
const inPeriod = (iso: string, p: ReportPeriod) => vnDay(iso) >= p.from && vnDay(iso) < p.until;

/** Days an obstacle may wait for its first answer before the report asks the City to step in. */
export const UNANSWERED_DAYS = 15;

export interface ProgressReportInput {
  period: ReportPeriod;
  tasks: readonly PlanTaskDetail[];
  obstacles: readonly Obstacle[];
  /** ISO timestamp of the report. */
  issuedAt: string;
}

/**
 * The report's content as plain data, rendered once as PDF (progressReportPdf) and once as DOCX
 * (progressReportDocx) in the same administrative layout.
 */
export function progressReportContent({
  period,
  tasks,
  obstacles,
  issuedAt,
}: ProgressReportInput): AdminDocumentContent {
  const label = periodLabel(period);
  const body: AdminBlock[] = [];
  const para = (text: string, options: ParagraphOptions = {}) => {
    body.push({ text, ...options });
  };
  const keepTogether = (heightMm: number) => {
    body.push({ keepTogether: heightMm });
  };
  para('Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.', { gap: 0.5 });

  const reportsIn = (t: PlanTaskDetail) => t.reports.filter((r) => inPeriod(r.reportedAt, period));
  const count = (status: PlanTaskStatus) => tasks.filter((t) => t.status === status).length;
  const overdue = tasks.filter((t) => t.overdue);
  const periodReports = tasks.reduce((n, t) => n + reportsIn(t).length, 0);
  para('I. TỔNG QUAN', { bold: true });
  para(
    `Kế hoạch giao ${tasks.length} nhiệm vụ (mục V). Đến ${dmy(vnDay(issuedAt))}: ${count('done')} hoàn thành, ` +
      `${count('in_progress')} đang thực hiện, ${count('blocked')} gặp vướng mắc, ${count('not_started')} chưa triển khai; ` +
      `${overdue.length} nhiệm vụ quá hạn. Trong kỳ, các cơ quan, đơn vị gửi ${periodReports} báo cáo tiến độ.`,
  );
  para(
    'Thời hạn các nhiệm vụ là giả định lập kế hoạch (Kế hoạch không quy định thời hạn từng nhiệm vụ), do Sở Khoa học và Công nghệ đề xuất.',
    { size: 10 },
  );

  para('II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ', { bold: true, gap: 0.3 });
  let section = '';
  for (const task of tasks) {
    if (task.section !== section) {
      section = task.section;
      keepTogether(20);
      para(`${section}. ${PLAN_AGENCY_LABELS[task.lead].vi}`, { bold: true, size: 11.5 });
    }
    keepTogether(12);
    para(
      `${task.code}. ${task.title.vi} — ${STATUS_VI[task.status]} (${task.progressPct} %)` +
        `${task.overdue ? ', quá hạn' : ''}; thời hạn ${dmy(task.due)}${task.dueIsAssumption ? ' (giả định)' : ''}.`,
      { indent: 4, size: 11 },
    );
    for (const report of reportsIn(task)) {
      const evidence = report.evidence.map((e) => e.label ?? e.ref).join('; ');
      para(
        `- ${dmy(vnDay(report.reportedAt))}, ${report.orgName}: ${report.note}` +
          `${evidence ? ` (Minh chứng: ${evidence})` : ''}`,
        { indent: 8, size: 10.5 },
      );
    }
  }

  const relevant = obstacles.filter((o) => o.status !== 'resolved' || inPeriod(o.raisedAt, period));
  para('III. KHÓ KHĂN, VƯỚNG MẮC', { bold: true, gap: 0.3 });
  if (relevant.length === 0) para('Trong kỳ không có khó khăn, vướng mắc được phản ánh.', { indent: 4 });
  for (const o of relevant) {
    keepTogether(14);
    para(
      `- ${o.title}${o.taskCode ? ` (nhiệm vụ ${o.taskCode})` : ''}: ${o.raisedByOrg} phản ánh ngày ${dmy(vnDay(o.raisedAt))}, ` +
        `gửi ${PLAN_AGENCY_LABELS[o.addressedTo].vi}; ${OBSTACLE_STATUS_VI[o.status]}.`,
      { indent: 4, size: 11 },
    );
    para(o.body, { indent: 8, size: 10.5 });
    for (const a of o.answers)
      para(`Trả lời (${a.orgName}, ${dmy(vnDay(a.answeredAt))}): ${a.body}`, { indent: 8, size: 10.5 });
  }

  const waiting = obstacles.filter((o) => o.status === 'open' && o.daysUnanswered > UNANSWERED_DAYS);
  para('IV. ĐỀ XUẤT, KIẾN NGHỊ', { bold: true, gap: 0.3 });
  if (overdue.length === 0 && waiting.length === 0)
    para('Các nhiệm vụ đúng tiến độ; không có kiến nghị cần UBND thành phố chỉ đạo trong kỳ.', { indent: 4 });
  for (const task of overdue)
    para(
      `- Chỉ đạo ${PLAN_AGENCY_LABELS[task.lead].vi} hoàn thành nhiệm vụ ${task.code} (${task.title.vi}), đã quá hạn.`,
      {
        indent: 4,
        size: 11,
      },
    );
  for (const o of waiting)
    para(
      `- Chỉ đạo ${PLAN_AGENCY_LABELS[o.addressedTo].vi} trả lời phản ánh "${o.title}" (${o.daysUnanswered} ngày chưa trả lời).`,
      { indent: 4, size: 11 },
    );
  para('Sở Khoa học và Công nghệ kính báo cáo Ủy ban nhân dân thành phố xem xét, chỉ đạo./.', { gap: 0.5 });
  return {
    header: {
      title: `Báo cáo tình hình thực hiện Kế hoạch 317/KH-UBND — ${label}`,
      subject: 'Plan 317 progress report',
      parent: 'UBND THÀNH PHỐ HẢI PHÒNG',
      issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      number: '        /BC-SKHCN',
      issuedAt,
    },
    heading: [
      { text: 'BÁO CÁO', size: 14 },
      { text: 'Tình hình thực hiện Kế hoạch số 317/KH-UBND ngày 02/12/2025', size: 12 },
      { text: 'của UBND thành phố về phát triển hạ tầng số giai đoạn 2026 - 2030', size: 12 },
      { text: label, size: 12 },
    ],
    body,
    recipients: [
      '- UBND thành phố (để báo cáo);',
      '- Các sở, ban, ngành;',
      '- UBND các xã, phường, đặc khu;',
      '- Lưu: VT, SKHCN.',
    ],
    signer: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  };
}

/** The report as PDF bytes. */
export const progressReportPdf = (input: ProgressReportInput): Promise<Uint8Array> =>
  adminDocumentPdf(progressReportContent(input));

/** The report as DOCX bytes (Office Open XML). */
export const progressReportDocx = (input: ProgressReportInput): Promise<Uint8Array> =>
  adminDocumentDocx(progressReportContent(input));
