/**
 * Who reads and acts on plan 317's tasks and obstacles. An organisation is one of the plan's
 * agencies (organisations.plan_agency, or by its kind: operators and tower companies are
 * "operators", communes "communes", the Construction Department "construction", other city
 * departments "departments"). The Department of
 * Science and Technology (dost) coordinates the plan and collects its obstacles: it reads and acts
 * on everything, like an administrator.
 *
 * What rivals may not learn: a progress report of an operator or a tower company is read by its
 * own organisation and by the city's staff only; an obstacle by its raiser, the agency it is
 * addressed to and the Department. Anything else answers 404, like a record that does not exist.
 */
import type { PlanAgency } from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';

/** Kinds of organisation whose reports are commercial: their rivals may not read them. */
export const COMMERCIAL_KINDS = ['operator', 'tower_company', 'other_sector'] as const;

/** The caller as the register sees them. */
export interface TaskViewer {
  orgId: string;
  agency: PlanAgency | null;
  /** Administrators and the Department act on every task and obstacle. */
  coordinates: boolean;
  /** City staff (not an operator, a tower company or another sector's company): read every report. */
  government: boolean;
}

const AGENCY_BY_KIND: Partial<Record<string, PlanAgency>> = {
  // A city department is one of "the city's departments" (V.7) unless set to its own agency.
  city_department: 'departments',
  operator: 'operators',
  tower_company: 'operators',
  commune: 'communes',
  construction_department: 'construction',
};

/** The agency an organisation is: its own setting, else the one its kind implies. */
export const agencyOf = (kind: string, planAgency: PlanAgency | null): PlanAgency | null =>
  planAgency ?? AGENCY_BY_KIND[kind] ?? null;

export function taskViewerOf(principal: Principal, planAgency: PlanAgency | null): TaskViewer {
  const agency = agencyOf(principal.orgKind, planAgency);
  const commercial = (COMMERCIAL_KINDS as readonly string[]).includes(principal.orgKind);
  const admin = principal.roles.includes('admin');
  return {
    orgId: principal.orgId,
    agency,
    coordinates: admin || agency === 'dost',
    government: admin || (!commercial && principal.orgKind !== 'public'),
  };
}

/** 403 unless the caller's agency leads or supports the task (or coordinates the plan). */
export function assertMayReport(viewer: TaskViewer, task: { lead: PlanAgency; supporting: PlanAgency[] }) {
  if (viewer.coordinates) return;
  if (viewer.agency && (task.lead === viewer.agency || task.supporting.includes(viewer.agency))) return;
  throw new ApiError(
    403,
    'FORBIDDEN',
    viewer.agency
      ? `This task is not assigned to your agency (${viewer.agency}): its lead or supporting agencies report on it`
      : 'Your organisation is none of the plan’s agencies: ask an administrator to set it',
  );
}

/** Whether the caller reads an obstacle. */
export const mayReadObstacle = (
  viewer: TaskViewer,
  obstacle: { raisedByOrgId: string; addressedTo: PlanAgency },
) => viewer.coordinates || obstacle.raisedByOrgId === viewer.orgId || obstacle.addressedTo === viewer.agency;

/** 403 unless the caller answers for the agency the obstacle is addressed to (or coordinates). */
export function assertMayAnswer(viewer: TaskViewer, obstacle: { addressedTo: PlanAgency }) {
  if (viewer.coordinates || obstacle.addressedTo === viewer.agency) return;
  throw new ApiError(
    403,
    'FORBIDDEN',
    'Only the agency this obstacle is addressed to, or the Department of Science and Technology, answers it',
  );
}

/**
 * 403 unless the caller coordinates the plan (the Department of Science and Technology, or an
 * administrator): the plan gives no due date per task, so the Department sets them.
 */
export function assertMayScheduleTasks(viewer: TaskViewer) {
  if (viewer.coordinates) return;
  throw new ApiError(
    403,
    'FORBIDDEN',
    'Only the Department of Science and Technology, which coordinates the plan, sets tasks’ due dates',
  );
}
