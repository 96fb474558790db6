/**
 * The panel's rules without React: which of plan 317's agencies the signed-in user is (as the API's
 * task-access.ts decides it), what they may do, the register grouped by the plan's sections, and
 * the progress report checked with the shared contract before it is sent.
 */
import {
  type Obstacle,
  type Organisation,
  type PlanAgency,
  type PlanTask,
  type PlanTaskDueInput,
  type PlanTaskReportCreate,
  type PlanTaskStatus,
  planTaskDueInput,
  planTaskReportCreate,
  type SessionUser,
  type TaskEvidenceLink,
} from '@hatang/contracts';
import type { core } from 'zod';
import { ApiRequestError } from '../../lib/api-client';
import type { TasksT } from './tasks-i18n';

/** The public's role reads no task: the register is for staff. */
export const canUseTasks = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => r !== 'viewer') ?? false;

/** The caller as the register sees them (mirrors the API's TaskViewer). */
export interface TaskViewer {
  agency: PlanAgency | null;
  /** Administrators and the Department of Science and Technology act on every task and obstacle. */
  coordinates: boolean;
}

// As apps/api/src/features/tasks/task-access.ts: an organisation's own setting, else its kind.
const AGENCY_BY_KIND: Partial<Record<string, PlanAgency>> = {
  city_department: 'departments',
  operator: 'operators',
  tower_company: 'operators',
  commune: 'communes',
  construction_department: 'construction',
};

export function taskViewerOf(
  user: SessionUser,
  organisations: readonly Organisation[] | undefined,
): TaskViewer {
  const own = organisations?.find((o) => o.id === user.orgId)?.planAgency ?? null;
  const agency = own ?? AGENCY_BY_KIND[user.orgKind] ?? null;
  return { agency, coordinates: user.roles.includes('admin') || agency === 'dost' };
}

/**
 * Whether the caller may download the periodic progress report (as the API's policy: the city's
 * staff roles in a government organisation, since it holds every agency's reports).
 */
export const mayCompileReport = (user: SessionUser): boolean =>
  user.roles.some((r) => r === 'admin' || r === 'planner' || r === 'reviewer' || r === 'inspector') &&
  (user.roles.includes('admin') ||
    !['operator', 'tower_company', 'other_sector', 'public'].includes(user.orgKind));

/** The report's periods on offer, newest first: this quarter, the previous one, this year (Vietnam time). */
export function reportPeriods(now: Date): { period: string; quarter: number | null; year: number }[] {
  const local = new Date(now.getTime() + 7 * 3600_000);
  const year = local.getUTCFullYear();
  const quarter = Math.floor(local.getUTCMonth() / 3) + 1;
  const previous = quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
  return [
    { period: `${year}-Q${quarter}`, quarter, year },
    { period: `${previous.year}-Q${previous.quarter}`, ...previous },
    { period: String(year), quarter: null, year },
  ];
}

/** Whether the caller's agency leads or supports the task (or coordinates the plan). */
export const mayReport = (viewer: TaskViewer, task: Pick<PlanTask, 'lead' | 'supporting'>): boolean =>
  viewer.coordinates ||
  (viewer.agency !== null && (task.lead === viewer.agency || task.supporting.includes(viewer.agency)));

/**
 * Whether the caller may change tasks' due dates (as the API: a planner or admin whose
 * organisation coordinates the plan — the Department of Science and Technology — or an admin).
 */
export const mayScheduleTasks = (user: SessionUser, viewer: TaskViewer): boolean =>
  viewer.coordinates && user.roles.some((r) => r === 'admin' || r === 'planner');

/** The due-date change checked with the contract: the body, or every problem by field. */
export function buildDue(
  values: { due: string; note: string },
  t: TasksT,
): { ok: true; body: PlanTaskDueInput } | { ok: false; errors: FieldErrors } {
  const parsed = planTaskDueInput.safeParse(values);
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: zodFieldErrors(parsed.error.issues, t) };
}

/** Whether the caller answers for the agency the obstacle is addressed to (or coordinates). */
export const mayAnswer = (viewer: TaskViewer, o: Pick<Obstacle, 'addressedTo' | 'status'>): boolean =>
  o.status !== 'resolved' && (viewer.coordinates || o.addressedTo === viewer.agency);

/** The raiser, the agency addressed, or the Department close an obstacle. */
export const mayResolve = (
  viewer: TaskViewer,
  user: SessionUser,
  o: Pick<Obstacle, 'addressedTo' | 'status' | 'raisedByOrg'>,
): boolean => o.status !== 'resolved' && (mayAnswer(viewer, o) || o.raisedByOrg === user.orgName);

/** Unanswered for more than a week: shown highlighted. */
export const isLongUnanswered = (o: Pick<Obstacle, 'status' | 'daysUnanswered'>): boolean =>
  o.status === 'open' && o.daysUnanswered > 7;

const OBSTACLE_ORDER = { open: 0, answered: 1, resolved: 2 } as const;

/** Open obstacles first, then answered, then resolved; the longest unanswered first within each. */
export const sortObstacles = (obstacles: readonly Obstacle[]): Obstacle[] =>
  [...obstacles].sort(
    (a, b) =>
      OBSTACLE_ORDER[a.status] - OBSTACLE_ORDER[b.status] ||
      b.daysUnanswered - a.daysUnanswered ||
      a.raisedAt.localeCompare(b.raisedAt),
  );

/** One section of the plan (V.1 … V.10): the agency it assigns and its tasks in the plan's order. */
export interface TaskSection {
  section: string;
  agency: PlanAgency;
  tasks: PlanTask[];
}

const numbersOf = (code: string) => code.split('.').slice(1).map(Number);
const byCode = (a: string, b: string) => {
  const [x, y] = [numbersOf(a), numbersOf(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** The tasks grouped by their section, sections and tasks in the plan's numeric order (V.2 before V.10). */
export function groupBySection(tasks: readonly PlanTask[]): TaskSection[] {
  const sections = new Map<string, TaskSection>();
  for (const task of [...tasks].sort((a, b) => byCode(a.code, b.code))) {
    let group = sections.get(task.section);
    if (!group) {
      group = { section: task.section, agency: task.lead, tasks: [] };
      sections.set(task.section, group);
    }
    group.tasks.push(task);
  }
  return [...sections.values()].sort((a, b) => byCode(a.section, b.section));
}

/** An evidence link as the form holds it: an asset as kind and id, the rest as one text. */
export interface EvidenceDraft {
  kind: TaskEvidenceLink['kind'];
  ref: string;
  assetKind: string;
  label: string;
}

export const emptyEvidence = (): EvidenceDraft => ({ kind: 'url', ref: '', assetKind: 'towers', label: '' });

export interface ReportValues {
  status: PlanTaskStatus;
  /** As typed. */
  percent: string;
  note: string;
  evidence: EvidenceDraft[];
}

/** Problems by form field: `status`, `progressPct`, `note`, `evidence.<i>.ref`, `evidence`, `''` (the form). */
export type FieldErrors = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The checks the API makes on evidence (task-service.ts checkEvidence) that need no database.
const HTTPS = /^https:\/\/[^\s/]+\.[^\s]+$/;
const INDICATOR = /^[a-z0-9_.-]{2,64}$/i;

const keyOf = (path: readonly PropertyKey[]) =>
  path[0] === 'evidence' && path.length >= 2 ? `evidence.${String(path[1])}.ref` : String(path[0] ?? '');

function describe(issue: core.$ZodIssue, t: TasksT): string {
  const key = keyOf(issue.path);
  if (key === 'progressPct') return t('errPercent');
  if (key === 'due') return t('errDueRange');
  if (key === 'addressedTo') return t('errRequired');
  if (key === 'evidence' && issue.code === 'too_big') return t('errTooMany');
  if (issue.code === 'too_small' && issue.origin === 'string')
    return Number(issue.minimum) <= 1 ? t('errRequired') : t('errTooShort', { min: Number(issue.minimum) });
  if (issue.code === 'too_big' && issue.origin === 'string')
    return t('errTooLong', { max: Number(issue.maximum) });
  return t('errInvalid');
}

/** Localised problems of a failed `safeParse`, the first one per field. */
export function zodFieldErrors(issues: readonly core.$ZodIssue[], t: TasksT): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[keyOf(issue.path)] ??= describe(issue, t);
  return errors;
}

/**
 * The report body, checked with the contract's `planTaskReportCreate` and the API's evidence
 * formats: the body, or every problem by field in the UI language.
 */
export function buildReport(
  values: ReportValues,
  t: TasksT,
): { ok: true; body: PlanTaskReportCreate } | { ok: false; errors: FieldErrors } {
  const percent = values.percent.trim();
  const evidence = values.evidence.map((e) => ({
    kind: e.kind,
    ref: e.kind === 'asset' ? `${e.assetKind}/${e.ref.trim()}` : e.ref.trim(),
    ...(e.label.trim() ? { label: e.label.trim() } : {}),
  }));
  const candidate = {
    status: values.status,
    progressPct: percent === '' || !/^-?\d+$/.test(percent) ? Number.NaN : Number(percent),
    note: values.note,
    evidence,
  };
  const parsed = planTaskReportCreate.safeParse(candidate);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error.issues, t);
  values.evidence.forEach((e, i) => {
    const key = `evidence.${i}.ref`;
    const ref = e.ref.trim();
    if (errors[key]) return;
    if (ref === '') errors[key] = t('errRequired');
    else if (e.kind === 'url' && !HTTPS.test(ref)) errors[key] = t('errUrl');
    else if ((e.kind === 'asset' || e.kind === 'plan_item') && !UUID.test(ref)) errors[key] = t('errUuid');
    else if (e.kind === 'indicator' && !INDICATOR.test(ref)) errors[key] = t('errIndicator');
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, body: parsed.data };
  return { ok: false, errors };
}

/**
 * A refused request in the UI language: 400's problems by field (keyed as the form's), 401, 403
 * and 409 as our own sentences, the rest with the server's message.
 */
export function serverErrors(
  error: unknown,
  t: TasksT,
  forbidden: 'errForbiddenReport' | 'errForbiddenAnswer' | 'errForbiddenDue',
): FieldErrors {
  if (!(error instanceof ApiRequestError))
    return { '': t('errServer', { message: error instanceof Error ? error.message : String(error) }) };
  if (error.status === 401) return { '': t('errSession') };
  if (error.status === 403) return { '': t(forbidden) };
  if (error.status === 409) return { '': t('errResolved') };
  if (error.status === 400 && error.details.length) {
    const errors: FieldErrors = { '': t('errForm') };
    // The server's words are English: say it in the UI language (an evidence link that names
    // nothing found is the one problem the form cannot see before sending).
    for (const issue of error.details) {
      const key = keyOf(issue.path);
      errors[key] ??= key.startsWith('evidence.') ? t('errEvidenceMissing') : t('errInvalid');
    }
    return errors;
  }
  return { '': t('errServer', { message: error.message }) };
}
