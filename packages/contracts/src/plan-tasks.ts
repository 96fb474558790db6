/**
 * Contracts of plan 317's task register and its obstacles (issue #17): the tasks the plan assigns
 * to departments, communes and operators (its section V, "Tổ chức thực hiện"), each agency's
 * progress reports on them with evidence, and the obstacles ("khó khăn, vướng mắc") any
 * organisation raises in writing, addressed to the agency that must act, collected by the
 * Department of Science and Technology (plan 317, closing paragraph of section V).
 */
import { z } from 'zod';
import { uuid } from './common.js';
import { endpoint } from './endpoint.js';
import { pointGeometry } from './geometry.js';

/**
 * The agencies plan 317 section V assigns tasks to, in the plan's order (V.1 … V.10), plus the
 * City People's Committee, which receives the reports.
 */
export const PLAN_AGENCIES = [
  'dost', // V.1 Sở Khoa học và Công nghệ
  'finance', // V.2 Sở Tài chính
  'construction', // V.3 Sở Xây dựng
  'police', // V.4 Công an thành phố
  'industry_trade', // V.5 Sở Công Thương
  'economic_zones', // V.6 Ban Quản lý Khu kinh tế Hải Phòng
  'departments', // V.7 Các Sở, ban, ngành thành phố
  'communes', // V.8 Ủy ban nhân dân các xã, phường, đặc khu
  'media', // V.9 Báo và Phát thanh, truyền hình Hải Phòng, Cổng TTĐT, Đài truyền thanh cấp xã
  'operators', // V.10 Các doanh nghiệp viễn thông
  'city', // Ủy ban nhân dân thành phố
] as const;
export const planAgency = z.enum(PLAN_AGENCIES);
export type PlanAgency = z.infer<typeof planAgency>;

/** The agencies' names, as the plan writes them (vi) and in English. */
export const PLAN_AGENCY_LABELS: Record<PlanAgency, { vi: string; en: string }> = {
  dost: { vi: 'Sở Khoa học và Công nghệ', en: 'Department of Science and Technology' },
  finance: { vi: 'Sở Tài chính', en: 'Department of Finance' },
  construction: { vi: 'Sở Xây dựng', en: 'Department of Construction' },
  police: { vi: 'Công an thành phố', en: 'City Police' },
  industry_trade: { vi: 'Sở Công Thương', en: 'Department of Industry and Trade' },
  economic_zones: { vi: 'Ban Quản lý Khu kinh tế Hải Phòng', en: 'Hai Phong Economic Zone Authority' },
  departments: { vi: 'Các Sở, ban, ngành thành phố', en: 'City departments and agencies' },
  communes: {
    vi: 'Ủy ban nhân dân các xã, phường, đặc khu',
    en: "Communes', wards' and special zones' People's Committees",
  },
  media: {
    vi: 'Báo và Phát thanh, truyền hình Hải Phòng, Cổng Thông tin điện tử thành phố, Đài truyền thanh cấp xã',
    en: 'Hai Phong newspaper, radio and television, the city web portal, commune radio',
  },
  operators: { vi: 'Các doanh nghiệp viễn thông', en: 'Telecom operators' },
  city: { vi: 'Ủy ban nhân dân thành phố', en: "City People's Committee" },
};

/** One task as the plan states it: the seed of the register (data/plan-317-tasks.json). */
export const planTaskSource = z.strictObject({
  /** `V.1.2`: section V, its item 1 (the agency), the item's 2nd paragraph. */
  code: z.string().regex(/^[IVX]+\.\d+\.\d+$/),
  /** The plan's section and item the task stands under, e.g. `V.1`. */
  section: z.string().regex(/^[IVX]+\.\d+$/),
  lead: planAgency,
  supporting: z.array(planAgency),
  title: z.strictObject({ vi: z.string().min(3).max(200), en: z.string().min(3).max(200) }),
  /** The plan's own words (Vietnamese, diacritics restored from the scanned text). */
  text: z.string().min(10).max(2000),
  /** A run of the scanned text (data/reference, verbatim, OCR errors and all) that proves where the task stands. */
  ocrAnchor: z.string().min(20).max(200),
  /** The indicator (GET /api/v1/indicators) the task serves, when one does. */
  indicator: z.string().nullable(),
  /** `once`: done when done; `ongoing`: the plan asks for it throughout 2026–2030 (reported each period). */
  cadence: z.enum(['once', 'ongoing']),
  /** Due date (ISO). The plan gives none per task: 2030-12-31 unless the note says otherwise. */
  due: z.iso.date(),
  /** True when the due date is Hatang's planning assumption, not the plan's text (editable). */
  dueIsAssumption: z.boolean(),
});
export type PlanTaskSource = z.infer<typeof planTaskSource>;

export const planTaskSources = z.strictObject({
  /** The legal-sources registry id of the plan. */
  source: z.string(),
  note: z.string(),
  tasks: z.array(planTaskSource).min(1),
});

/** Where a task stands, as its agency reports it. */
export const planTaskStatus = z.enum(['not_started', 'in_progress', 'done', 'blocked']);
export type PlanTaskStatus = z.infer<typeof planTaskStatus>;

/** What a progress report links to as evidence (besides attached files). */
export const taskEvidenceLink = z.strictObject({
  kind: z.enum(['plan_item', 'asset', 'indicator', 'url']),
  /** A plan item's or asset's id (assets as `towers/<id>`), an indicator key, or an https URL. */
  ref: z.string().min(1).max(500),
  label: z.string().max(200).optional(),
});
export type TaskEvidenceLink = z.infer<typeof taskEvidenceLink>;

/** A progress report on a task by one organisation of its agency. */
export const planTaskReportCreate = z.strictObject({
  status: planTaskStatus,
  /** Per cent done, 0–100. */
  progressPct: z.number().int().min(0).max(100),
  note: z.string().trim().min(1).max(4000),
  evidence: z.array(taskEvidenceLink).max(20).default([]),
});
export type PlanTaskReportCreate = z.input<typeof planTaskReportCreate>;

export const planTaskReport = z.object({
  id: uuid,
  taskId: uuid,
  orgId: uuid,
  orgName: z.string(),
  status: planTaskStatus,
  progressPct: z.number(),
  note: z.string(),
  evidence: z.array(taskEvidenceLink),
  reportedBy: z.string(),
  reportedAt: z.string(),
});
export type PlanTaskReport = z.infer<typeof planTaskReport>;

export const planTask = z.object({
  id: uuid,
  code: z.string(),
  section: z.string(),
  lead: planAgency,
  supporting: z.array(planAgency),
  title: z.object({ vi: z.string(), en: z.string() }),
  text: z.string(),
  indicator: z.string().nullable(),
  cadence: z.enum(['once', 'ongoing']),
  due: z.string(),
  dueIsAssumption: z.boolean(),
  /**
   * Who set the due date when the Department of Science and Technology changed it (its
   * organisation's name), when and why; null while the seeded assumption (the plan's end,
   * 31/12/2030) stands. Either way the date is an assumption, not the plan's text.
   */
  dueSetBy: z.string().nullable(),
  dueSetAt: z.string().nullable(),
  dueNote: z.string().nullable(),
  /** The latest report's status, or not_started. */
  status: planTaskStatus,
  progressPct: z.number(),
  /** Past due and not done. */
  overdue: z.boolean(),
  lastReportAt: z.string().nullable(),
  reportCount: z.number(),
  openObstacles: z.number(),
});
export type PlanTask = z.infer<typeof planTask>;

export const planTaskDetail = planTask.extend({ reports: z.array(planTaskReport) });
export type PlanTaskDetail = z.infer<typeof planTaskDetail>;

/** `PUT /api/v1/plan-tasks/:id/due`: the Department's due date for a task, and why. */
export const planTaskDueInput = z.strictObject({
  /** ISO date, within the plan's period and its vision (2026–2040). */
  due: z.iso
    .date('must be a date (YYYY-MM-DD)')
    .refine((d) => d >= '2026-01-01' && d <= '2040-12-31', 'must be between 2026-01-01 and 2040-12-31'),
  note: z.string().trim().min(3, 'say why (3 characters or more)').max(2000),
});
export type PlanTaskDueInput = z.input<typeof planTaskDueInput>;

export const planTaskListQuery = z.object({
  lead: planAgency.optional(),
  status: planTaskStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const obstacleStatus = z.enum(['open', 'answered', 'resolved']);
export type ObstacleStatus = z.infer<typeof obstacleStatus>;

/** An obstacle raised on a task and/or a place, addressed to the agency that must act. */
export const obstacleCreate = z
  .strictObject({
    taskId: uuid.nullable().default(null),
    /** Where it happens (WGS 84 `[lng, lat]`), when it is about a place. */
    location: pointGeometry.nullable().default(null),
    addressedTo: planAgency,
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(1).max(8000),
  })
  .refine((o) => o.taskId !== null || o.location !== null, {
    message: 'name the task it holds up, or the place, or both',
    path: ['taskId'],
  });
export type ObstacleCreate = z.input<typeof obstacleCreate>;

export const obstacleAnswerCreate = z.strictObject({
  body: z.string().trim().min(1).max(8000),
  /** Close the obstacle with this answer (the raiser may also close it). */
  resolve: z.boolean().default(false),
});

export const obstacleAnswer = z.object({
  id: uuid,
  orgName: z.string(),
  body: z.string(),
  answeredBy: z.string(),
  answeredAt: z.string(),
});

export const obstacle = z.object({
  id: uuid,
  taskId: uuid.nullable(),
  taskCode: z.string().nullable(),
  location: pointGeometry.nullable(),
  addressedTo: planAgency,
  title: z.string(),
  body: z.string(),
  status: obstacleStatus,
  raisedByOrg: z.string(),
  raisedAt: z.string(),
  /** Days since it was raised with no answer (0 once answered). */
  daysUnanswered: z.number(),
  answers: z.array(obstacleAnswer),
});
export type Obstacle = z.infer<typeof obstacle>;

export const obstacleListQuery = z.object({
  status: obstacleStatus.optional(),
  addressedTo: planAgency.optional(),
  taskId: uuid.optional(),
});

/** The progress report's file formats and their media types. */
export const PROGRESS_REPORT_FORMATS = ['pdf', 'docx'] as const;
export type ProgressReportFormat = (typeof PROGRESS_REPORT_FORMATS)[number];
export const PROGRESS_REPORT_CONTENT_TYPES: Record<ProgressReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const byId = z.object({ id: z.guid() });
const taskNotFound = { description: 'No such task' };
const obstacleNotFound = { description: 'No such obstacle (or not visible to the caller)' };
const forbidden = { description: 'Not one of the agencies this task or obstacle is addressed to' };

/**
 * The task register and obstacles. Tasks are the plan's, for every signed-in organisation but the
 * public; an agency's organisations report on its tasks (the Department of Science and Technology
 * on any). A report of an operator or a tower company is read by its own organisation and by the
 * city's staff only; an obstacle by its raiser, the agency it is addressed to and the Department.
 */
export const planTaskEndpoints = {
  listTasks: endpoint({
    method: 'GET',
    path: '/api/v1/plan-tasks',
    tag: 'plan-tasks',
    summary: "Plan 317's tasks in the plan's order, with the latest progress the caller may read",
    query: planTaskListQuery,
    responses: { 200: { description: 'The tasks', schema: z.object({ tasks: z.array(planTask) }) } },
  }),
  getTask: endpoint({
    method: 'GET',
    path: '/api/v1/plan-tasks/:id',
    tag: 'plan-tasks',
    summary: 'One task with its progress reports (those the caller may read), newest first',
    params: byId,
    responses: { 200: { description: 'The task', schema: planTaskDetail }, 404: taskNotFound },
  }),
  reportProgress: endpoint({
    method: 'POST',
    path: '/api/v1/plan-tasks/:id/reports',
    tag: 'plan-tasks',
    summary: "Report progress on a task of one's agency: status, per cent done, note and evidence",
    params: byId,
    body: planTaskReportCreate,
    responses: {
      201: { description: 'The task with the new report', schema: planTaskDetail },
      403: forbidden,
      404: taskNotFound,
    },
  }),
  setTaskDue: endpoint({
    method: 'PUT',
    path: '/api/v1/plan-tasks/:id/due',
    tag: 'plan-tasks',
    summary:
      "Change a task's due date, with the reason (the Department of Science and Technology, which coordinates the plan): a planning assumption, not the plan's text",
    params: byId,
    body: planTaskDueInput,
    responses: {
      200: { description: 'The task with its new due date', schema: planTaskDetail },
      403: { description: 'Not the Department of Science and Technology (or an administrator)' },
      404: taskNotFound,
    },
  }),
  progressReport: endpoint({
    method: 'GET',
    path: '/api/v1/plan-task-report',
    tag: 'plan-tasks',
    summary:
      "The period's progress report to the City People's Committee (PDF or DOCX, administrative document layout): tasks, reports with evidence, obstacles, what needs the City's direction",
    query: z.object({
      period: z
        .string()
        .regex(/^20\d{2}(-Q[1-4])?$/, 'a quarter (2026-Q3) or a year (2026)')
        .meta({ description: 'A quarter (2026-Q3) or a year (2026), in Vietnam time' }),
      format: z
        .enum(PROGRESS_REPORT_FORMATS)
        .default('pdf')
        .meta({ description: 'pdf (to read and print) or docx (to edit and sign)' }),
    }),
    responses: {
      200: {
        description: 'The report (PDF, or DOCX with format=docx)',
        contentType: [PROGRESS_REPORT_CONTENT_TYPES.pdf, PROGRESS_REPORT_CONTENT_TYPES.docx],
      },
      403: { description: 'For the city’s staff only (it holds every agency’s reports)' },
    },
  }),
  listObstacles: endpoint({
    method: 'GET',
    path: '/api/v1/obstacles',
    tag: 'plan-tasks',
    summary: 'The obstacles the caller may read, open ones first, oldest first',
    query: obstacleListQuery,
    responses: { 200: { description: 'The obstacles', schema: z.object({ obstacles: z.array(obstacle) }) } },
  }),
  raiseObstacle: endpoint({
    method: 'POST',
    path: '/api/v1/obstacles',
    tag: 'plan-tasks',
    summary: 'Raise an obstacle on a task and/or a place, addressed to the agency that must act',
    body: obstacleCreate,
    responses: { 201: { description: 'The obstacle', schema: obstacle }, 404: taskNotFound },
  }),
  getObstacle: endpoint({
    method: 'GET',
    path: '/api/v1/obstacles/:id',
    tag: 'plan-tasks',
    summary: 'One obstacle with its answers',
    params: byId,
    responses: { 200: { description: 'The obstacle', schema: obstacle }, 404: obstacleNotFound },
  }),
  answerObstacle: endpoint({
    method: 'POST',
    path: '/api/v1/obstacles/:id/answers',
    tag: 'plan-tasks',
    summary:
      'Answer an obstacle (its agency or the Department of Science and Technology); `resolve` closes it',
    params: byId,
    body: obstacleAnswerCreate,
    responses: {
      201: { description: 'The obstacle with the answer', schema: obstacle },
      403: forbidden,
      404: obstacleNotFound,
      409: { description: 'The obstacle is resolved' },
    },
  }),
  resolveObstacle: endpoint({
    method: 'POST',
    path: '/api/v1/obstacles/:id/resolve',
    tag: 'plan-tasks',
    summary: 'Close an obstacle (its raiser, or the agency it is addressed to)',
    params: byId,
    responses: {
      200: { description: 'The obstacle, resolved', schema: obstacle },
      403: forbidden,
      404: obstacleNotFound,
      409: { description: 'Already resolved' },
    },
  }),
} as const;
